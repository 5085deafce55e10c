import { Box, Button, Card, CardContent, CardHeader, MenuItem, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { HttpError, useTranslate } from 'react-admin';
import { documentTotals, type DocumentTotals } from '../../calls/operations.ts';
import { DownloadButton, queryString } from '../../ui/fields.tsx';

const errorsOf = (e: unknown) =>
  e instanceof HttpError ? ((e.body as { errors?: Record<string, string> })?.errors ?? {}) : {};

/**
 * Issued invoices summed in a viewing currency: each at the rate frozen when it was issued to the
 * base currency, then at today's rate to the one chosen. A refused currency is said under the field.
 */
export function DocumentTotalsCard({ currency: initial }: { currency: string }) {
  const t = useTranslate();
  const [currency, setCurrency] = useState(initial);
  const [report, setReport] = useState<DocumentTotals | null>(null);
  const [error, setError] = useState<{ field?: string; general?: string }>({});
  const load = (code: string) =>
    documentTotals(code).then(
      (r) => {
        setReport(r);
        setError({});
      },
      (e: Error) => {
        setReport(null);
        const field = errorsOf(e)['querystring.currency'] ?? errorsOf(e).currency;
        setError(field ? { field } : { general: e.message });
      },
    );
  useEffect(() => {
    void load(initial);
  }, [initial]);
  return (
    <Card sx={{ mt: 2 }}>
      <CardHeader
        title={t('tollbook.reports.document_totals')}
        subheader={t('tollbook.reports.document_totals_help')}
      />
      <CardContent>
        <Box
          component="form"
          sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}
          onSubmit={(e) => {
            e.preventDefault();
            void load(currency.trim().toUpperCase());
          }}
        >
          <TextField
            size="small"
            fullWidth={false}
            name="currency"
            label={t('tollbook.reports.viewing_currency')}
            value={currency}
            onChange={(e) => setCurrency(e.target.value)}
            error={Boolean(error.field)}
            helperText={error.field ?? t('tollbook.reports.currency_help')}
          />
          <Button type="submit" variant="outlined">
            {t('tollbook.reports.show')}
          </Button>
        </Box>
        {error.general ? <Typography role="alert">{error.general}</Typography> : null}
        {report ? (
          <Box sx={{ mt: 2 }} aria-label={t('tollbook.reports.document_totals')} role="region">
            <Typography>{t('tollbook.reports.totals_documents', { smart_count: report.documents })}</Typography>
            <Typography>
              {t('tollbook.reports.net')}: {report.net} {report.currency}
            </Typography>
            <Typography>
              {t('tollbook.reports.gross')}: {report.total} {report.currency}
            </Typography>
            <Typography variant="body2">
              {t('tollbook.reports.rate', { base: report.baseCurrency, currency: report.currency, rate: report.rate })}
            </Typography>
          </Box>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The period's files: the accounting export (1C), document lines and payments, as CSV or XLSX. */
export function ExportsCard({ from, to }: { from: string; to: string }) {
  const t = useTranslate();
  const [accounting, setAccounting] = useState('commerceml');
  const [table, setTable] = useState<'csv' | 'xlsx'>('xlsx');
  // Payments are filtered by the instant they were received: the last day counts whole.
  const receivedTo = to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString() : undefined;
  return (
    <Card sx={{ mt: 2 }}>
      <CardHeader title={t('tollbook.reports.exports')} subheader={t('tollbook.reports.exports_help', { from, to })} />
      <CardContent>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
          <TextField
            select
            size="small"
            fullWidth={false}
            label={t('tollbook.reports.accounting_format')}
            value={accounting}
            onChange={(e) => setAccounting(e.target.value)}
            sx={{ minWidth: 200 }}
          >
            <MenuItem value="commerceml">CommerceML (1C)</MenuItem>
            <MenuItem value="csv">CSV</MenuItem>
          </TextField>
          <DownloadButton
            label="tollbook.reports.accounting"
            href={`/api/v1/exports/accounting${queryString({ from, to, format: accounting })}`}
          />
        </Box>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', mt: 2 }}>
          <TextField
            select
            size="small"
            fullWidth={false}
            label={t('tollbook.reports.table_format')}
            value={table}
            onChange={(e) => setTable(e.target.value as 'csv' | 'xlsx')}
            sx={{ minWidth: 120 }}
          >
            <MenuItem value="csv">CSV</MenuItem>
            <MenuItem value="xlsx">XLSX</MenuItem>
          </TextField>
          <DownloadButton
            label="tollbook.reports.document_lines"
            href={`/api/v1/exports/document-lines${queryString({ issueDateFrom: from, issueDateTo: to, format: table })}`}
          />
          <DownloadButton
            label="tollbook.reports.payments_export"
            href={`/api/v1/exports/payments${queryString({ receivedFrom: from ? `${from}T00:00:00Z` : undefined, receivedTo, format: table })}`}
          />
        </Box>
      </CardContent>
    </Card>
  );
}
