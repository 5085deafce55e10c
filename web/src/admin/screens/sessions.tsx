import {
  ArrayField,
  CreateButton,
  Datagrid,
  DateField,
  DateInput,
  FunctionField,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  required,
  useListContext,
  useRecordContext,
} from 'react-admin';
import { ActionDialog, Editable } from '../ui/actions.tsx';
import { BulkButtons } from '../ui/bulk.tsx';
import { choices } from '../ui/choices.ts';
import { PlainList } from '../ui/lists.tsx';
import { startSession, startSessionBulkAction, type SessionStart } from '../calls/sessions.ts';
import type { Schemas } from '../../api/client.ts';

type Session = Schemas['GenerationSession'];
type Bulk = Schemas['BulkAction'];

const sessionFilters = [
  <SelectInput
    key="status"
    source="status"
    choices={choices(['in_progress', 'completed', 'completed_with_errors', 'cancelled'])}
    alwaysOn
  />,
  <SelectInput key="documentType" source="documentType" choices={choices(['invoice', 'proforma'])} />,
];

/** Starts the documents of a period for every due customer (or a billing period kind, or a scheme). */
function StartSession() {
  const { refetch } = useListContext();
  return (
    <ActionDialog<SessionStart, Session>
      label="tollbook.sessions.start"
      done="tollbook.sessions.started"
      variant="contained"
      defaultValues={{ documentType: 'invoice' }}
      action={async (v) => {
        const started = await startSession({
          documentType: v.documentType,
          periodStart: v.periodStart,
          periodEnd: v.periodEnd,
          ...(v.billingPeriod ? { billingPeriod: v.billingPeriod } : {}),
          ...(v.schemeId ? { schemeId: v.schemeId } : {}),
        });
        refetch();
        return started;
      }}
    >
      <SelectInput
        source="documentType"
        choices={choices(['invoice', 'proforma'])}
        validate={required()}
        label="resources.generation-sessions.fields.documentType"
      />
      <DateInput source="periodStart" validate={required()} label="resources.generation-sessions.fields.periodStart" />
      <DateInput source="periodEnd" validate={required()} label="resources.generation-sessions.fields.periodEnd" />
      <SelectInput
        source="billingPeriod"
        choices={choices(['weekly', 'biweekly', 'monthly'])}
        label="resources.generation-sessions.fields.billingPeriod"
      />
      <ReferenceInput source="schemeId" reference="invoicing-schemes" />
    </ActionDialog>
  );
}

const progress = (s: Session) =>
  `${s.counts.customersDone + s.counts.customersFailed} / ${s.counts.customersTotal}` +
  (s.counts.customersFailed ? ` (${s.counts.customersFailed} ✗)` : '');

export const GenerationSessionList = () => (
  <PlainList
    filters={sessionFilters}
    actions={
      <TopToolbar>
        <StartSession />
      </TopToolbar>
    }
  >
    <DateField source="createdAt" showTime />
    <TextField source="documentType" />
    <TextField source="periodStart" />
    <TextField source="periodEnd" />
    <TextField source="status" />
    <FunctionField source="counts" render={(s: Session) => progress(s)} />
    <TextField source="counts.documentsCreated" textAlign="right" />
  </PlainList>
);

/** Issue, cancel, delete or recalculate every document the session made, once it has finished. */
function SessionBulkActions() {
  const session = useRecordContext<Session>();
  if (!session || session.status === 'in_progress' || !session.documentIds) return null;
  return (
    <TopToolbar>
      <Editable>
        <BulkButtons
          actions={['issue', 'cancel', 'delete', 'recalculate']}
          labels={{
            issue: 'tollbook.sessions.issue',
            cancel: 'tollbook.sessions.cancel',
            delete: 'tollbook.sessions.delete',
            recalculate: 'tollbook.sessions.recalculate',
          }}
          confirm="tollbook.sessions.confirm_"
          count={session.documentIds.length}
          disabled={session.documentIds.length === 0}
          start={(action, options) => startSessionBulkAction(session.id, action, options)}
        />
      </Editable>
    </TopToolbar>
  );
}

export const GenerationSessionShow = () => (
  <Show actions={<SessionBulkActions />}>
    <SimpleShowLayout>
      <TextField source="status" />
      <TextField source="documentType" />
      <TextField source="periodStart" />
      <TextField source="periodEnd" />
      <FunctionField source="counts" render={(s: Session) => progress(s)} />
      <TextField source="counts.customersSkipped" />
      <TextField source="counts.documentsCreated" />
      <FunctionField source="startedBy" render={(s: Session) => `${s.startedBy.kind} ${s.startedBy.id}`} />
      <DateField source="startedAt" showTime emptyText="—" />
      <DateField source="finishedAt" showTime emptyText="—" />
      <ArrayField source="errors">
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <ReferenceField source="customerId" reference="customers" />
          <TextField source="code" />
          <TextField source="message" />
        </Datagrid>
      </ArrayField>
      <FunctionField
        source="documentIds"
        render={(s: Session) => (
          <a href={`#/documents?filter=${encodeURIComponent(JSON.stringify({ sessionId: s.id }))}`}>
            {/* The list's summary stands in until the session itself arrives: no ids yet. */}
            {s.documentIds?.length ?? '…'}
          </a>
        )}
      />
    </SimpleShowLayout>
  </Show>
);

export const BulkActionList = () => (
  <PlainList
    actions={
      <TopToolbar>
        <CreateButton to="/documents" label="tollbook.bulk.select_documents" />
      </TopToolbar>
    }
  >
    <DateField source="createdAt" showTime />
    <TextField source="action" />
    <TextField source="status" />
    <FunctionField source="counts" render={(b: Bulk) => `${b.counts.done} / ${b.counts.total}`} />
    <TextField source="counts.failed" textAlign="right" />
  </PlainList>
);

export const BulkActionShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="action" />
      <TextField source="status" />
      <TextField source="issueOrder" emptyText="—" />
      <FunctionField source="counts" render={(b: Bulk) => `${b.counts.done} / ${b.counts.total}`} />
      <TextField source="counts.failed" />
      <TextField source="counts.pending" />
      <ReferenceField source="generationSessionId" reference="generation-sessions" emptyText="—" />
      <ArrayField source="errors">
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <ReferenceField source="documentId" reference="documents" />
          <TextField source="code" />
          <TextField source="message" />
        </Datagrid>
      </ArrayField>
    </SimpleShowLayout>
  </Show>
);
