import {
  Card,
  CardContent,
  CardHeader,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
} from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { Loading, Title, useTranslate } from 'react-admin';
import { reports } from '../../calls/outputs.ts';
import { DownloadButton, queryString } from '../../ui/fields.tsx';
import { tenantSettings } from '../../calls/tenant.ts';
import { DocumentTotalsCard, ExportsCard } from './report-exports.tsx';

type Receivables = Awaited<ReturnType<typeof reports.receivables>>;
type Received = Awaited<ReturnType<typeof reports.paymentsReceived>>;
const buckets = ['0-30', '31-60', '61-90', '90+'];

function Grid({ label, head, rows }: { label: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          {head.map((h) => (
            <TableCell key={h}>{h}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r, i) => (
          <TableRow key={i}>
            {r.map((c, j) => (
              <TableCell key={j} align={j > 0 ? 'right' : 'left'}>
                {c}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const yearStart = () => `${new Date().getUTCFullYear()}-01-01`;
const today = () => new Date().toISOString().slice(0, 10);

/** Receivables with ageing (per currency) and payments received per month; exports of the period's data. */
export function ReportsPage() {
  const t = useTranslate();
  const [receivables, setReceivables] = useState<Receivables | null>(null);
  const [received, setReceived] = useState<Received | null>(null);
  const [range, setRange] = useState({ from: yearStart(), to: today() });
  const [error, setError] = useState<string | null>(null);
  const [currency, setCurrency] = useState<string | null>(null);
  useEffect(() => {
    reports.receivables().then(setReceivables, (e: Error) => setError(e.message));
    tenantSettings.get().then(
      (tenant) => setCurrency(tenant.currency),
      () => setCurrency('EUR'),
    );
  }, []);
  useEffect(() => {
    reports.paymentsReceived(range.from, range.to).then(setReceived, (e: Error) => setError(e.message));
  }, [range]);
  if (!receivables || !received) return error ? <p role="alert">{error}</p> : <Loading />;
  const r = (k: string) => t(`tollbook.reports.${k}`);
  return (
    <>
      <Title title={r('title')} />
      <Card sx={{ mt: 2 }}>
        <CardHeader title={r('receivables')} subheader={t('tollbook.reports.as_of', { date: receivables.asOf })} />
        <CardContent>
          <Grid
            label={r('receivables')}
            head={[r('currency'), r('outstanding'), r('overdue'), ...buckets]}
            rows={receivables.totals.map((x) => [
              x.currency,
              x.outstanding,
              x.overdue,
              ...buckets.map((b) => x.ageing[b] ?? '0'),
            ])}
          />
        </CardContent>
      </Card>
      <Card sx={{ mt: 2 }}>
        <CardHeader title={r('payments_received')} />
        <CardContent>
          {(['from', 'to'] as const).map((k) => (
            <TextField
              key={k}
              type="date"
              size="small"
              label={r(k)}
              value={range[k]}
              onChange={(e) => setRange({ ...range, [k]: e.target.value })}
              sx={{ mr: 2 }}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          ))}
          {received.periods.length === 0 ? <p>{r('empty')}</p> : null}
          <Grid
            label={r('payments_received')}
            head={[r('period'), r('currency'), r('count'), r('amount')]}
            rows={received.periods.map((p) => [p.period, p.currency, p.count, p.amount])}
          />
          <DownloadButton
            label="tollbook.reports.usage_csv"
            href={`/api/v1/exports/usage-records${queryString({ from: range.from, to: range.to, format: 'csv' })}`}
          />
          <DownloadButton
            label="tollbook.reports.documents_xlsx"
            href={`/api/v1/exports/documents${queryString({ issueDateFrom: range.from, issueDateTo: range.to, format: 'xlsx' })}`}
          />
        </CardContent>
      </Card>
      <ExportsCard from={range.from} to={range.to} />
      {currency ? <DocumentTotalsCard currency={currency} /> : null}
    </>
  );
}
