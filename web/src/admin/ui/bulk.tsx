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
import {
  Button,
  Form,
  HttpError,
  SaveButton,
  SelectInput,
  TextInput,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { readBulkAction, type Bulk, type BulkKind, type BulkOptions } from '../calls/sessions.ts';

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

const issueOrders = [
  { id: 'customer_name', name: 'tollbook.bulk.order_customer_name' },
  { id: 'account_code', name: 'tollbook.bulk.order_account_code' },
];

/**
 * Asks before a bulk action starts, with what the API lets the action take: the order numbers are
 * given in when issuing, the reason recorded on each document when cancelling. A refusal's field
 * errors are shown next to the inputs and the dialog stays open.
 */
function BulkConfirm(props: {
  action: BulkKind | null;
  title: string;
  text: string;
  onConfirm: (options: BulkOptions) => Promise<Record<string, string> | undefined>;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const { action } = props;
  const title = translate(props.title);
  const submit = (values: Record<string, unknown>) => {
    const options: BulkOptions = {};
    if (action === 'issue' && values.issueOrder) options.issueOrder = values.issueOrder as BulkOptions['issueOrder'];
    if (action === 'cancel' && typeof values.reason === 'string' && values.reason.trim())
      options.reason = values.reason.trim();
    return props.onConfirm(options);
  };
  return (
    <Dialog open={action !== null} onClose={props.onClose} fullWidth maxWidth="sm" aria-label={title}>
      <Form onSubmit={submit} record={{ issueOrder: 'customer_name', reason: '' }}>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <Typography sx={{ mb: 2 }}>{props.text}</Typography>
          {action === 'issue' ? (
            <SelectInput
              source="issueOrder"
              label="tollbook.bulk.issue_order"
              helperText="tollbook.bulk.issue_order_help"
              choices={issueOrders}
              fullWidth
            />
          ) : null}
          {action === 'cancel' ? (
            <TextInput
              source="reason"
              label="tollbook.bulk.cancel_reason"
              helperText="tollbook.bulk.cancel_reason_help"
              multiline
              minRows={2}
              fullWidth
            />
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.close" onClick={props.onClose} />
          <SaveButton label="ra.action.confirm" alwaysEnable />
        </DialogActions>
      </Form>
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
  start: (action: BulkKind, options: BulkOptions) => Promise<Bulk>;
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
  const go = async (action: BulkKind, options: BulkOptions) => {
    setBusy(true);
    try {
      const bulk = await props.start(action, options);
      setAsking(null);
      if (props.onStarted) props.onStarted(bulk);
      else setStarted(bulk);
      return undefined;
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
      const fields =
        error instanceof HttpError ? (error.body as { errors?: Record<string, string> })?.errors : undefined;
      if (fields && Object.keys(fields).length) return fields;
      setAsking(null);
      return undefined;
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
      <BulkConfirm
        action={asking}
        title={label(asking ?? 'issue')}
        text={translate(`${props.confirm ?? 'tollbook.bulk.confirm_'}${asking ?? 'issue'}`, {
          count: props.count ?? '',
        })}
        onConfirm={(options) => go(asking!, options)}
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
