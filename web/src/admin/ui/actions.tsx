import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useState, type ReactNode } from 'react';
import {
  Button,
  Confirm,
  Form,
  HttpError,
  SaveButton,
  useNotify,
  usePermissions,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { canEdit } from '../../shared/auth-provider.ts';

/** Shows its children only to roles that may change billing data; the API refuses the others anyway. */
export function Editable({ children }: { children: ReactNode }) {
  const { permissions } = usePermissions();
  return canEdit(permissions) ? <>{children}</> : null;
}

/**
 * Runs one API call for a screen: a notification says how it went (the API's problem detail when
 * it refused) and the screen is read again. Answers the field errors of a refusal, for a form.
 */
export function useRun() {
  const notify = useNotify();
  const refresh = useRefresh();
  return async <T,>(
    action: () => Promise<T>,
    done: string | ((result: T) => string),
    args?: (result: T) => Record<string, unknown>,
  ): Promise<Record<string, string> | undefined> => {
    try {
      const result = await action();
      notify(typeof done === 'string' ? done : done(result), { type: 'info', messageArgs: args?.(result) });
      refresh();
      return undefined;
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
      refresh();
      return error instanceof HttpError ? (error.body as { errors?: Record<string, string> })?.errors : undefined;
    }
  };
}

interface ActionButtonProps<T> {
  label: string;
  action: () => Promise<T>;
  done: string;
  /** Values for the done message (e.g. the number a document was issued with). */
  doneArgs?: (result: T) => Record<string, unknown>;
  /** What to do after success, e.g. open the document a conversion made. */
  then?: (result: T) => void;
  /** Asks first, with this text, when the action cannot be taken back. */
  confirm?: string;
  color?: 'primary' | 'error';
  variant?: 'text' | 'contained' | 'outlined';
}

/** A button for one API call (asking first when `confirm` is given), offered to editing roles only. */
export function ActionButton<T>(props: ActionButtonProps<T>) {
  const { label, done, confirm, color, variant } = props;
  const run = useRun();
  const translate = useTranslate();
  const [asking, setAsking] = useState(false);
  const action = async () => {
    const result = await props.action();
    props.then?.(result);
    return result;
  };
  const go = () => (confirm ? setAsking(true) : void run(action, done, props.doneArgs));
  return (
    <Editable>
      <Button label={label} onClick={go} color={color} variant={variant} />
      {confirm ? (
        <Confirm
          isOpen={asking}
          title={label}
          content={translate(confirm)}
          onConfirm={() => {
            setAsking(false);
            return run(action, done, props.doneArgs);
          }}
          onClose={() => setAsking(false)}
        />
      ) : null}
    </Editable>
  );
}

interface ActionDialogProps<V, T> {
  label: string;
  done: string;
  doneArgs?: (result: T) => Record<string, unknown>;
  /** The API call made with the form's values; a refusal's field errors are shown next to the inputs. */
  action: (values: V) => Promise<T>;
  defaultValues?: Partial<V>;
  children: ReactNode;
  variant?: 'text' | 'contained' | 'outlined';
}

/** A button opening a small form in a dialog, for an action that needs a few values (bind, suspend…). */
export function ActionDialog<V extends Record<string, unknown>, T = unknown>(props: ActionDialogProps<V, T>) {
  const { label, done, action, defaultValues, children, variant } = props;
  const run = useRun();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const submit = async (values: Record<string, unknown>) => {
    const errors = await run(() => action(values as V), done, props.doneArgs);
    if (!errors) setOpen(false);
    return errors;
  };
  return (
    <Editable>
      <Button label={label} onClick={() => setOpen(true)} variant={variant} />
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm" aria-label={translate(label)}>
        {/* The form starts from its own values, not from the record of the screen it is opened on. */}
        <Form onSubmit={submit} record={{ ...defaultValues }}>
          <DialogTitle>{translate(label)}</DialogTitle>
          <DialogContent>{children}</DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton label={label} alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </Editable>
  );
}
