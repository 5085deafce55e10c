import {
  ArrayField,
  BooleanField,
  BooleanInput,
  Create,
  CreateButton,
  Datagrid,
  DateField,
  DateInput,
  Edit,
  FunctionField,
  NumberField,
  NumberInput,
  ReferenceField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  EditButton,
  required,
  useRecordContext,
} from 'react-admin';
import { ActionDialog, Editable } from '../ui/actions.tsx';
import { choices } from '../ui/choices.ts';
import { PlainList } from '../ui/lists.tsx';
import { startBillRun } from '../calls/bill-groups.ts';
import type { Schemas } from '../../api/client.ts';

type Group = Schemas['BillGroup'];
type Run = Schemas['BillRun'];

const closeTypes = choices(['post_user_billing', 'after_each_bill_run', 'user_bill_cycle']);

export const BillGroupList = () => (
  <PlainList
    actions={
      <TopToolbar>
        <Editable>
          <CreateButton />
        </Editable>
      </TopToolbar>
    }
  >
    <TextField source="name" />
    <NumberField source="billDay" />
    <TextField source="invoiceCloseType" />
    <BooleanField source="renderDuringRun" />
    <NumberField source="paymentTermsDays" />
  </PlainList>
);

const GroupFields = () => (
  <>
    <TextInput source="name" validate={required()} />
    <NumberInput source="billDay" min={1} max={28} validate={required()} />
    <NumberInput source="usageBillDay" min={1} max={28} />
    <SelectInput source="invoiceCloseType" choices={closeTypes} />
    <BooleanInput source="renderDuringRun" />
    <SelectInput source="dueDateBasis" choices={choices(['bill_date', 'render_date'])} />
    <NumberInput source="paymentTermsDays" min={0} />
    <SelectInput source="sortOrder" choices={choices(['customer_name', 'account_code'])} />
    <NumberInput source="maxUnbilledUsageMonths" min={1} />
  </>
);

export const BillGroupCreate = () => (
  <Create redirect="show">
    <SimpleForm defaultValues={{ billDay: 1, invoiceCloseType: 'post_user_billing' }}>
      <GroupFields />
    </SimpleForm>
  </Create>
);

export const BillGroupEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <GroupFields />
    </SimpleForm>
  </Edit>
);

/** Runs the group now, for its latest bill date unless another past one is given. */
function RunNow() {
  const group = useRecordContext<Group>();
  if (!group) return null;
  return (
    <ActionDialog<{ billDate?: string }, Run>
      label="tollbook.bill_runs.run_now"
      done="tollbook.bill_runs.started"
      variant="contained"
      action={(v) => startBillRun({ billGroupId: group.id, ...(v.billDate ? { billDate: v.billDate } : {}) })}
    >
      <DateInput source="billDate" label="resources.bill-runs.fields.billDate" />
    </ActionDialog>
  );
}

export const BillGroupShow = () => (
  <Show
    actions={
      <TopToolbar>
        <RunNow />
        <Editable>
          <EditButton />
        </Editable>
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="name" />
      <NumberField source="billDay" />
      <NumberField source="usageBillDay" />
      <TextField source="invoiceCloseType" />
      <BooleanField source="renderDuringRun" />
      <TextField source="dueDateBasis" />
      <NumberField source="paymentTermsDays" />
      <TextField source="sortOrder" />
      <NumberField source="maxUnbilledUsageMonths" />
    </SimpleShowLayout>
  </Show>
);

const accounts = (r: Run) =>
  `${r.counts.accountsBilled + r.counts.accountsSkipped + r.counts.accountsFailed} / ${r.counts.accountsTotal}` +
  (r.counts.accountsFailed ? ` (${r.counts.accountsFailed} ✗)` : '');

export const BillRunList = () => (
  <PlainList
    filters={[
      <SelectInput
        key="status"
        source="status"
        choices={choices(['in_progress', 'completed', 'completed_with_errors'])}
        alwaysOn
      />,
    ]}
  >
    <DateField source="createdAt" showTime />
    <ReferenceField source="billGroupId" reference="bill-groups" link={false} />
    <TextField source="billDate" />
    <TextField source="invoiceCloseType" />
    <TextField source="status" />
    <FunctionField source="counts" render={(r: Run) => accounts(r)} />
  </PlainList>
);

export const BillRunShow = () => (
  <Show>
    <SimpleShowLayout>
      <ReferenceField source="billGroupId" reference="bill-groups" />
      <TextField source="billDate" />
      <TextField source="invoiceCloseType" />
      <TextField source="status" />
      <FunctionField source="counts" render={(r: Run) => accounts(r)} />
      <FunctionField source="startedBy" render={(r: Run) => `${r.startedBy.kind} ${r.startedBy.id}`} />
      <DateField source="startedAt" showTime />
      <DateField source="finishedAt" showTime emptyText="—" />
      <ArrayField source="errors">
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <ReferenceField source="customerId" reference="customers" />
          <TextField source="code" />
          <TextField source="message" />
        </Datagrid>
      </ArrayField>
      {/* The list's summary stands in until the run itself arrives: no invoices yet. */}
      <FunctionField source="closedDocumentIds" render={(r: Run) => r.closedDocumentIds?.length ?? '…'} />
      <ArrayField source="notices">
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="event" />
          <TextField source="status" />
          <FunctionField source="recipients" render={(n: { recipients: string[] }) => n.recipients.join(', ')} />
          <DateField source="sentAt" showTime emptyText="—" />
          <FunctionField
            source="error"
            render={(n: { error: { code: string; message: string } | null }) =>
              n.error ? `${n.error.code}: ${n.error.message}` : ''
            }
          />
        </Datagrid>
      </ArrayField>
    </SimpleShowLayout>
  </Show>
);
