import { useEffect, useState } from 'react';
import {
  BooleanField,
  BooleanInput,
  Create,
  CreateButton,
  DeleteButton,
  Edit,
  EditButton,
  FunctionField,
  SelectArrayInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { ActionButton, Editable } from '../ui/actions.tsx';
import { choices } from '../ui/choices.ts';
import { PlainList } from '../ui/lists.tsx';
import { webhookActions, type WebhookDelivery, type WebhookEndpoint } from '../calls/webhooks.ts';

const eventTypes = choices([
  'document.issued',
  'document.paid',
  'document.overdue',
  'document.sent',
  'document.delivery_failed',
  'payment.received',
  'generation_session.completed',
]);

export const WebhookList = () => (
  <PlainList
    actions={
      <TopToolbar>
        <Editable>
          <CreateButton />
        </Editable>
      </TopToolbar>
    }
  >
    <TextField source="url" />
    <FunctionField source="events" render={(e: WebhookEndpoint) => e.events.join(', ')} />
    <BooleanField source="enabled" />
    <TextField source="description" emptyText="—" />
  </PlainList>
);

const EndpointFields = () => (
  <>
    <TextInput source="url" validate={required()} fullWidth />
    <SelectArrayInput source="events" choices={eventTypes} validate={required()} />
    <TextInput source="description" fullWidth />
    <BooleanInput source="enabled" />
  </>
);

/** The signing secret is in this answer only: it is shown until dismissed, to be stored by the receiver. */
const secretNotice = (notify: ReturnType<typeof useNotify>, data: RaRecord) =>
  notify('tollbook.webhooks.secret', {
    type: 'info',
    autoHideDuration: null,
    messageArgs: { secret: (data as { secret?: string }).secret ?? '' },
  });

export function WebhookCreate() {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      mutationOptions={{
        onSuccess: (data: RaRecord) => {
          secretNotice(notify, data);
          redirect('show', 'webhook-endpoints', data.id);
        },
      }}
    >
      <SimpleForm defaultValues={{ enabled: true, events: ['document.issued', 'payment.received'] }}>
        <EndpointFields />
      </SimpleForm>
    </Create>
  );
}

export const WebhookEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <EndpointFields />
    </SimpleForm>
  </Edit>
);

function RotateSecret() {
  const endpoint = useRecordContext<WebhookEndpoint>();
  const notify = useNotify();
  if (!endpoint) return null;
  return (
    <ActionButton
      label="tollbook.webhooks.rotate"
      done="tollbook.webhooks.rotated"
      confirm="tollbook.webhooks.confirm_rotate"
      action={() => webhookActions.rotate(endpoint.id)}
      then={(rotated) => secretNotice(notify, rotated as RaRecord)}
    />
  );
}

/** The endpoint's deliveries, newest first, with their attempts. */
function Deliveries() {
  const endpoint = useRecordContext<WebhookEndpoint>();
  const t = useTranslate();
  const [rows, setRows] = useState<WebhookDelivery[] | null>(null);
  useEffect(() => {
    if (endpoint) void webhookActions.deliveries(endpoint.id).then(setRows, () => setRows([]));
  }, [endpoint]);
  if (!rows) return null;
  if (rows.length === 0) return <Typography variant="body2">{t('tollbook.webhooks.no_deliveries')}</Typography>;
  return (
    <Table size="small" aria-label={t('tollbook.webhooks.deliveries')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('tollbook.webhooks.event')}</TableCell>
          <TableCell>{t('tollbook.webhooks.status')}</TableCell>
          <TableCell>{t('tollbook.webhooks.attempts')}</TableCell>
          <TableCell>{t('tollbook.webhooks.last_error')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((d) => (
          <TableRow key={d.id}>
            <TableCell>{d.eventId}</TableCell>
            <TableCell>{d.status}</TableCell>
            <TableCell>{d.attempts}</TableCell>
            <TableCell>{d.lastError ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export const WebhookShow = () => (
  <Show
    actions={
      <TopToolbar>
        <RotateSecret />
        <Editable>
          <EditButton />
          <DeleteButton mutationMode="pessimistic" />
        </Editable>
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="url" />
      <FunctionField source="events" render={(e: WebhookEndpoint) => e.events.join(', ')} />
      <BooleanField source="enabled" />
      <TextField source="description" emptyText="—" />
      <TextField source="secretPrefix" />
      <TextField source="previousSecretExpiresAt" emptyText="—" />
      <Deliveries />
    </SimpleShowLayout>
  </Show>
);
