import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Button, Confirm, useNotify, useRefresh, useTranslate } from 'react-admin';
import { readBulkAction, type Bulk, type BulkKind } from '../calls/sessions.ts';

const finished = (b: Bulk | null) => b?.status === 'completed' || b?.status === 'completed_with_errors';

/**
 * Follows a bulk action the API runs in the background: its progress, its counts and the reason
 * each refused document was refused. Reads it every second until it finishes, then the screen
 * behind it is read again.
 */
export function BulkProgress({ started, onClose }: { started: Bulk | null; onClose: () => void }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [bulk, setBulk] = useState<Bulk | null>(started);
  useEffect(() => setBulk(started), [started]);
  useEffect(() => {
    if (!started || finished(bulk)) return;
    const timer = setTimeout(() => {
      readBulkAction(started.id).then(setBulk, () => undefined);
    }, 1000);
    return () => clearTimeout(timer);
  }, [started, bulk]);
  const done = finished(bulk);
  useEffect(() => {
    if (done) refresh();
  }, [done, refresh]);
  if (!started || !bulk) return null;
  const { total, done: ok, failed, pending } = bulk.counts;
  const title = translate('tollbook.bulk.progress_title', { action: translate(`tollbook.bulk.${bulk.action}`) });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-label={title}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <LinearProgress
          variant="determinate"
          value={total ? ((ok + failed) * 100) / total : 100}
          aria-label={translate('tollbook.bulk.progress')}
        />
        <Typography sx={{ mt: 2 }} role="status">
          {translate('tollbook.bulk.counts', { done: ok, failed, pending, total })} —{' '}
          {translate(`tollbook.bulk.status_${bulk.status}`)}
        </Typography>
        {bulk.errors.length ? (
          <Table size="small" aria-label={translate('tollbook.bulk.errors')} sx={{ mt: 2 }}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('tollbook.bulk.document')}</TableCell>
                <TableCell>{translate('tollbook.bulk.code')}</TableCell>
                <TableCell>{translate('tollbook.bulk.reason')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {bulk.errors.map((e) => (
                <TableRow key={e.documentId}>
                  <TableCell>
                    <a href={`#/documents/${e.documentId}/show`}>{e.documentId}</a>
                  </TableCell>
                  <TableCell>{e.code}</TableCell>
                  <TableCell>{e.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button label="tollbook.bulk.open" href={`#/bulk-actions/${bulk.id}/show`} onClick={onClose} />
        <Button label="ra.action.close" onClick={onClose} />
      </DialogActions>
    </Dialog>
  );
}

/**
 * Buttons starting bulk actions (each asks first), then the progress of the one started. `start`
 * is the API call: over ticked documents or over a generation session's documents.
 */
export function BulkButtons(props: {
  actions: readonly BulkKind[];
  labels?: Partial<Record<BulkKind, string>>;
  count?: number;
  /** Where the confirmation texts are: `${confirm}${action}` (default tollbook.bulk.confirm_). */
  confirm?: string;
  start: (action: BulkKind) => Promise<Bulk>;
  onClose?: () => void;
  /** Hands the started action to a progress dialog kept elsewhere (one that outlives these buttons). */
  onStarted?: (bulk: Bulk) => void;
  disabled?: boolean;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const [asking, setAsking] = useState<BulkKind | null>(null);
  const [started, setStarted] = useState<Bulk | null>(null);
  const [busy, setBusy] = useState(false);
  const label = (a: BulkKind) => props.labels?.[a] ?? `tollbook.bulk.${a}`;
  const go = async (action: BulkKind) => {
    setAsking(null);
    setBusy(true);
    try {
      const bulk = await props.start(action);
      if (props.onStarted) props.onStarted(bulk);
      else setStarted(bulk);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {props.actions.map((a) => (
        <Button
          key={a}
          label={label(a)}
          disabled={busy || props.disabled}
          color={a === 'delete' || a === 'cancel' ? 'error' : 'primary'}
          onClick={() => setAsking(a)}
        />
      ))}
      <Confirm
        isOpen={asking !== null}
        title={label(asking ?? 'issue')}
        content={translate(`${props.confirm ?? 'tollbook.bulk.confirm_'}${asking ?? 'issue'}`, {
          count: props.count ?? '',
        })}
        onConfirm={() => go(asking!)}
        onClose={() => setAsking(null)}
      />
      <BulkProgress
        started={started}
        onClose={() => {
          setStarted(null);
          props.onClose?.();
        }}
      />
    </>
  );
}
