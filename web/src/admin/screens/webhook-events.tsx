import {
  ArrayField,
  Datagrid,
  DateField,
  FunctionField,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { ActionDialog } from '../ui/actions.tsx';
import { choices } from '../ui/choices.ts';
import { EmptyState } from '../ui/empty.tsx';
import { PlainList } from '../ui/lists.tsx';
import { replayEvent, type WebhookEvent, type WebhookEventWithDeliveries } from '../calls/operations.ts';

const eventTypes = choices([
  'document.issued',
  'document.paid',
  'document.overdue',
  'document.sent',
  'document.delivery_failed',
  'payment.received',
  'generation_session.completed',
]);

/** Every recorded event, oldest first, filtered by type; a row opens its deliveries. */
export const WebhookEventList = () => (
  <PlainList
    filters={[<SelectInput key="type" source="type" choices={eventTypes} alwaysOn />]}
    empty={<EmptyState text="tollbook.webhook_events.empty" />}
  >
    <DateField source="occurredAt" showTime />
    <TextField source="type" />
    <TextField source="id" />
  </PlainList>
);

/**
 * Sends the event again (same id and body): to the endpoint chosen, or to every enabled endpoint
 * subscribed to its type. The API says so under the field when none is.
 */
function ReplayButton() {
  const e = useRecordContext<WebhookEvent>();
  if (!e) return null;
  return (
    <ActionDialog<{ endpointId?: string }, { deliveryIds: string[] }>
      label="tollbook.webhook_events.replay"
      done="tollbook.webhook_events.replayed"
      doneArgs={(r) => ({ smart_count: r.deliveryIds.length })}
      action={(v) => replayEvent(e.id, v.endpointId || undefined)}
    >
      <ReferenceInput source="endpointId" reference="webhook-endpoints">
        <SelectInput
          label="resources.webhook-events.fields.endpointId"
          helperText="tollbook.webhook_events.endpoint_help"
          fullWidth
        />
      </ReferenceInput>
    </ActionDialog>
  );
}

const payload = (e: WebhookEvent) => (
  <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>{JSON.stringify(e.payload, null, 2)}</pre>
);

export const WebhookEventShow = () => (
  <Show
    actions={
      <TopToolbar>
        <ReplayButton />
      </TopToolbar>
    }
    queryOptions={{ refetchInterval: 3000 }}
  >
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="type" />
      <DateField source="occurredAt" showTime />
      <FunctionField<WebhookEvent> source="payload" render={payload} />
      <ArrayField source="deliveries">
        <Datagrid
          bulkActionButtons={false}
          rowClick={false}
          empty={<EmptyState text="tollbook.webhooks.no_deliveries" />}
        >
          <ReferenceField source="endpointId" reference="webhook-endpoints" link="show" />
          <TextField source="status" />
          <NumberField source="attempts" />
          <FunctionField<WebhookEventWithDeliveries['deliveries'][number]>
            source="replayOf"
            render={(d) => (d.replayOf ? '↻' : '')}
          />
          <DateField source="createdAt" showTime />
          <TextField source="lastError" emptyText="—" />
        </Datagrid>
      </ArrayField>
    </SimpleShowLayout>
  </Show>
);
