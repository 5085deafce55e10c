import {
  ArrayField,
  Button,
  Datagrid,
  DateInput,
  FunctionField,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
  Confirm,
  Labeled,
} from 'react-admin';
import { useState } from 'react';
import { documentActions } from '../resources.ts';
import { canEdit } from '../../shared/auth-provider.ts';
import type { Schemas } from '../../api/client.ts';

type Doc = Schemas['Document'];
const choices = (ids: string[]) => ids.map((id) => ({ id, name: id }));
const filters = [
  <SelectInput key="status" source="status" choices={choices(['draft', 'issued', 'cancelled'])} alwaysOn />,
  <SelectInput
    key="type"
    source="type"
    choices={choices(['invoice', 'proforma', 'act', 'vat_invoice', 'credit_note', 'reconciliation'])}
  />,
  <SelectInput
    key="paymentStatus"
    source="paymentStatus"
    choices={choices(['unpaid', 'partially_paid', 'paid', 'overdue'])}
  />,
  <ReferenceInput key="customerId" source="customerId" reference="customers" />,
  <TextInput key="number" source="number" />,
  <DateInput key="issueDateFrom" source="issueDateFrom" />,
  <DateInput key="issueDateTo" source="issueDateTo" />,
];

const Money = ({ source }: { source: 'totals.total' | 'totals.open' }) => (
  <FunctionField<Doc>
    source={source}
    textAlign="right"
    render={(d) => `${source === 'totals.total' ? d.totals.total : d.totals.open} ${d.currency}`}
  />
);

export const DocumentList = () => (
  <List filters={filters} sort={{ field: 'id', order: 'ASC' }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="number" emptyText="—" />
      <TextField source="type" />
      <ReferenceField source="customerId" reference="customers" link={false} />
      <TextField source="periodStart" />
      <TextField source="periodEnd" />
      <TextField source="status" />
      <TextField source="paymentStatus" emptyText="—" />
      <Money source="totals.total" />
    </Datagrid>
  </List>
);

function DocumentActions() {
  const doc = useRecordContext<Doc>();
  const { permissions } = usePermissions();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [confirming, setConfirming] = useState(false);
  if (!doc) return null;
  const run = async (action: () => Promise<unknown>, done: string, args?: Record<string, unknown>) => {
    try {
      await action();
      notify(done, { type: 'info', messageArgs: args });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
    refresh();
  };
  const editable = canEdit(permissions);
  return (
    <TopToolbar>
      {doc.renderStatus === 'created' ? (
        <Button label="tollbook.documents.pdf" href={`/api/v1/documents/${doc.id}/pdf`} component="a" />
      ) : null}
      {editable && doc.status === 'draft' && doc.renderStatus !== 'created' ? (
        <Button
          label="tollbook.documents.generate"
          onClick={() => run(() => documentActions.generate(doc.id), 'tollbook.documents.generating')}
        />
      ) : null}
      {editable && doc.status === 'draft' ? (
        <Button
          label="tollbook.documents.issue"
          variant="contained"
          onClick={async () => {
            try {
              const issued = await documentActions.issue(doc.id);
              notify('tollbook.documents.issued', { type: 'info', messageArgs: { number: issued.number } });
            } catch (error) {
              notify((error as Error).message, { type: 'error' });
            }
            refresh();
          }}
        />
      ) : null}
      {editable && doc.status !== 'cancelled' ? (
        <>
          <Button label="tollbook.documents.cancel" color="error" onClick={() => setConfirming(true)} />
          <Confirm
            isOpen={confirming}
            title="tollbook.documents.cancel"
            content={translate('tollbook.documents.confirm_cancel')}
            onConfirm={() => {
              setConfirming(false);
              return run(() => documentActions.cancel(doc.id), 'tollbook.documents.cancelled');
            }}
            onClose={() => setConfirming(false)}
          />
        </>
      ) : null}
    </TopToolbar>
  );
}

// While its PDF is being made, the document is read again every second and a half, so the screen
// shows the render finishing (and the PDF link appearing) without a reload.
const rendering = new Set(['waiting', 'processing']);
const whileRendering = {
  refetchInterval: (query: { state: { data?: Doc } }) =>
    rendering.has(query.state.data?.renderStatus ?? '') ? 1500 : false,
};

export const DocumentShow = () => (
  <Show actions={<DocumentActions />} queryOptions={whileRendering as never}>
    <SimpleShowLayout>
      <TextField source="number" emptyText="—" />
      <TextField source="status" />
      <TextField source="type" />
      <ReferenceField source="customerId" reference="customers" />
      <FunctionField<Doc>
        label="resources.documents.fields.period"
        render={(d) => `${d.periodStart} – ${d.periodEnd}`}
      />
      <TextField source="issueDate" emptyText="—" />
      <TextField source="dueDate" emptyText="—" />
      <TextField source="paymentStatus" emptyText="—" />
      <TextField source="renderStatus" emptyText="—" />
      <ArrayField source="lines" label="tollbook.documents.lines">
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="description" />
          <TextField source="quantity" textAlign="right" />
          <TextField source="unitPrice" textAlign="right" />
          <TextField source="net" textAlign="right" />
          <TextField source="tax" textAlign="right" />
          <TextField source="gross" textAlign="right" />
        </Datagrid>
      </ArrayField>
      <Labeled label="tollbook.documents.totals">
        <FunctionField<Doc> render={(d) => `${d.totals.net} + ${d.totals.tax} = ${d.totals.total} ${d.currency}`} />
      </Labeled>
      <NumberField source="paymentTermsDays" />
    </SimpleShowLayout>
  </Show>
);
