import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** What an empty list shows: what the screen is for and what to do next (its buttons below). */
export function EmptyState({ text, children }: { text: string; children?: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box sx={{ m: 2, p: 3, textAlign: 'center', border: 1, borderColor: 'divider', borderRadius: 1, flex: 1 }}>
      <Typography variant="body1" sx={{ mb: 2 }}>
        {translate(text)}
      </Typography>
      <Box sx={{ display: 'flex', justifyContent: 'center', gap: 1 }}>{children}</Box>
    </Box>
  );
}
