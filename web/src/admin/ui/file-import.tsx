import {
  Box,
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
import { useState, type ReactNode } from 'react';
import { Button, Form, SaveButton, useNotify, useRefresh, useTranslate } from 'react-admin';
import { HttpError } from 'react-admin';
import { Editable } from './actions.tsx';

/** A refused row of an uploaded file, as the API reports it. */
export interface RowError {
  line: number | null;
  code: string;
  detail: string;
}

export interface ImportOutcome {
  /** The counts, as a sentence of the messages. */
  summary: string;
  summaryArgs: Record<string, unknown>;
  rejected: RowError[];
}

interface FileImportProps<V> {
  label: string;
  accept: string;
  /** Sends the file with the form's values; answers what to show, or nothing to close at once. */
  upload: (file: File, values: V) => Promise<ImportOutcome | undefined>;
  defaultValues?: Partial<V>;
  children?: ReactNode;
}

/**
 * A button opening a file upload (with a few options as form inputs): a bar runs while the file
 * is sent and read, then the dialog shows the counts and every refused row with its line, code and
 * detail, so a sheet can be fixed and sent again. Offered to editing roles only.
 */
export function FileImport<V extends Record<string, unknown>>(props: FileImportProps<V>) {
  const { label, accept, upload, defaultValues, children } = props;
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const close = () => {
    setOpen(false);
    setOutcome(null);
    setFile(null);
  };
  const submit = async (values: Record<string, unknown>) => {
    if (!file) {
      notify('tollbook.imports.choose_file', { type: 'error' });
      return undefined;
    }
    setBusy(true);
    try {
      const result = await upload(file, values as V);
      refresh();
      if (result) setOutcome(result);
      else close();
      return undefined;
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
      return error instanceof HttpError ? (error.body as { errors?: Record<string, string> })?.errors : undefined;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Editable>
      <Button label={label} onClick={() => setOpen(true)} />
      <Dialog open={open} onClose={close} fullWidth maxWidth="md" aria-label={translate(label)}>
        <Form onSubmit={submit} record={{ ...defaultValues }}>
          <DialogTitle>{translate(label)}</DialogTitle>
          <DialogContent>
            {children}
            <Typography component="label" sx={{ display: 'block', my: 1 }}>
              {translate('tollbook.imports.file')}{' '}
              <input type="file" name="file" accept={accept} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </Typography>
            {busy ? <LinearProgress aria-label={translate('tollbook.imports.sending')} /> : null}
            {outcome ? <Outcome outcome={outcome} /> : null}
          </DialogContent>
          <DialogActions>
            <Button label={outcome ? 'ra.action.close' : 'ra.action.cancel'} onClick={close} />
            <SaveButton label={label} alwaysEnable={!busy} disabled={busy} />
          </DialogActions>
        </Form>
      </Dialog>
    </Editable>
  );
}

function Outcome({ outcome }: { outcome: ImportOutcome }) {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 2 }} role="status">
      <Typography sx={{ mb: 1 }}>{translate(outcome.summary, outcome.summaryArgs)}</Typography>
      {outcome.rejected.length ? <RowErrors rows={outcome.rejected} /> : null}
    </Box>
  );
}

/** The refused rows of a file: line, code and what was wrong. */
export function RowErrors({ rows }: { rows: RowError[] }) {
  const translate = useTranslate();
  return (
    <Table size="small" aria-label={translate('tollbook.imports.rejected_rows')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('tollbook.imports.line')}</TableCell>
          <TableCell>{translate('tollbook.imports.code')}</TableCell>
          <TableCell>{translate('tollbook.imports.detail')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r, i) => (
          <TableRow key={`${r.line ?? ''}-${i}`}>
            <TableCell>{r.line ?? '—'}</TableCell>
            <TableCell>{r.code}</TableCell>
            <TableCell>{r.detail}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
