import { Table, TableBody, TableCell, TableHead, TableRow, TextField as Input } from '@mui/material';
import { useEffect, useState } from 'react';
import { Labeled, useRecordContext, useTranslate } from 'react-admin';
import type { Schemas } from '../api/client.ts';

type Detail = Schemas['DestinationDetail'];
type DocLike = { id: string; currency: string; lines: Array<{ kind: string }> };

/**
 * The call charges per destination, narrowed by a dialled-prefix search where `%` is a wildcard
 * (35%, %67). `load` asks the API the screen belongs to: the staff one, or the portal's.
 */
export function DestinationDetails({ load }: { load: (id: string, prefix?: string) => Promise<{ data: Detail[] }> }) {
  const doc = useRecordContext<DocLike>();
  const translate = useTranslate();
  const [prefix, setPrefix] = useState('');
  const [rows, setRows] = useState<Detail[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!doc) return;
    const timer = setTimeout(() => {
      load(doc.id, prefix || undefined).then(
        (answer) => {
          setRows(answer.data);
          setError(null);
        },
        (e: Error) => setError(e.message),
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [doc, prefix, load]);
  if (!doc || !doc.lines.some((l) => l.kind === 'usage')) return null;
  const t = (k: string) => translate(`tollbook.details.${k}`);
  return (
    <Labeled label="tollbook.details.title" fullWidth>
      <div>
        <Input
          size="small"
          label={t('prefix')}
          helperText={error ?? t('prefix_help')}
          error={Boolean(error)}
          value={prefix}
          onChange={(e) => setPrefix(e.target.value)}
          name="prefix"
        />
        <Table size="small" aria-label={t('title')}>
          <TableHead>
            <TableRow>
              {['prefix', 'destination', 'rate', 'calls', 'minutes', 'price'].map((k) => (
                <TableCell key={k}>{t(k)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {(rows ?? []).map((r) => (
              <TableRow key={`${r.prefix}|${r.destination}`}>
                <TableCell>{r.prefix ?? '—'}</TableCell>
                <TableCell>{r.destination}</TableCell>
                <TableCell align="right">{r.ratePerMinute ?? '—'}</TableCell>
                <TableCell align="right">{r.calls}</TableCell>
                <TableCell align="right">{r.minutes}</TableCell>
                <TableCell align="right">{`${r.price} ${doc.currency}`}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </Labeled>
  );
}
