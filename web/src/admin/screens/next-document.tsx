import {
  Box,
  Card,
  CardContent,
  CardHeader,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { DateInput, SelectInput, required, useTranslate } from 'react-admin';
import { ActionDialog } from '../ui/actions.tsx';
import { choices } from '../ui/choices.ts';
import { previewNextDocument, type NextDocumentQuery } from '../calls/catalog.ts';
import type { Doc } from '../calls/documents.ts';
import { lastMonth } from './documents/create.tsx';

/**
 * The customer's next document as generation would make it now (`GET /customers/{id}/next-document`),
 * with its lines and totals; nothing is stored, so it can be asked for any time before a run.
 */
export function NextDocumentCard({ customerId }: { customerId: string }) {
  const t = useTranslate();
  const [preview, setPreview] = useState<Doc | null>(null);
  const head = ['description', 'quantity', 'unitPrice', 'net', 'tax', 'gross'] as const;
  return (
    <Card variant="outlined">
      <CardHeader title={t('tollbook.next_document.title')} titleTypographyProps={{ component: 'h2', variant: 'h6' }} />
      <CardContent>
        <ActionDialog<NextDocumentQuery>
          label="tollbook.next_document.run"
          done="tollbook.next_document.done"
          defaultValues={{ type: 'invoice', ...lastMonth() }}
          action={async (v) => {
            const doc = await previewNextDocument(customerId, {
              type: v.type,
              periodStart: v.periodStart,
              periodEnd: v.periodEnd,
            });
            setPreview(doc);
            return doc;
          }}
        >
          <SelectInput source="type" choices={choices(['invoice', 'proforma'])} validate={required()} />
          <DateInput source="periodStart" label="resources.documents.fields.periodStart" validate={required()} />
          <DateInput source="periodEnd" label="resources.documents.fields.periodEnd" validate={required()} />
        </ActionDialog>
        {preview ? (
          <Box sx={{ mt: 1 }}>
            <Typography>
              {preview.type} {preview.periodStart} – {preview.periodEnd}
            </Typography>
            <Table size="small" aria-label={t('tollbook.next_document.title')}>
              <TableHead>
                <TableRow>
                  {head.map((h) => (
                    <TableCell key={h} align={h === 'description' ? 'left' : 'right'}>
                      {t(`resources.documents.fields.${h}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {preview.lines.map((l) => (
                  <TableRow key={l.id}>
                    <TableCell>{l.description}</TableCell>
                    <TableCell align="right">{l.quantity}</TableCell>
                    <TableCell align="right">{l.unitPrice ?? '—'}</TableCell>
                    <TableCell align="right">{l.net}</TableCell>
                    <TableCell align="right">{l.tax}</TableCell>
                    <TableCell align="right">{l.gross}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Typography sx={{ mt: 1 }} data-testid="next-document-totals">
              {t('tollbook.documents.totals')}: {preview.totals.net} + {preview.totals.tax} = {preview.totals.total}{' '}
              {preview.currency}
            </Typography>
          </Box>
        ) : null}
      </CardContent>
    </Card>
  );
}
