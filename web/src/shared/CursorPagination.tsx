import { Box, Button, Typography } from '@mui/material';
import { useEffect } from 'react';
import { useListContext, useTranslate } from 'react-admin';

/**
 * The footer of a list the API pages with cursors: it knows the page it is on and whether another
 * follows, never how many rows there are, so it shows "Page 2 · more" and no total. When the list
 * had to start again from the first page (a reload forgets the cursors), it says page 1.
 */
export function CursorPagination() {
  const { page, setPage, hasNextPage, hasPreviousPage, meta, isPending, isFetching, data } = useListContext();
  const translate = useTranslate();
  const served = (meta as { page?: number } | undefined)?.page;
  // Only once the page asked for has come (the previous page's answer stays shown while it loads).
  useEffect(() => {
    if (!isFetching && served && served !== page) setPage(served);
  }, [isFetching, served, page, setPage]);
  if (isPending || (page === 1 && !hasNextPage && !data?.length)) return null;
  return (
    <Box
      component="nav"
      aria-label={translate('tollbook.paging.label')}
      sx={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 1, p: 1 }}
    >
      <Typography variant="body2" data-testid="page-info">
        {translate(hasNextPage ? 'tollbook.paging.page_more' : 'tollbook.paging.page', { page })}
      </Typography>
      <Button size="small" disabled={!hasPreviousPage} onClick={() => setPage(page - 1)}>
        {translate('tollbook.paging.previous')}
      </Button>
      <Button size="small" disabled={!hasNextPage} onClick={() => setPage(page + 1)}>
        {translate('tollbook.paging.next')}
      </Button>
    </Box>
  );
}
