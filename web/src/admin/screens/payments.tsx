import {
  ArrayField,
  Create,
  Datagrid,
  DateField,
  DateInput,
  DateTimeInput,
  FunctionField,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
  CreateButton,
  FilterButton,
  useTranslate,
  useRecordContext,
  useShowContext,
} from 'react-admin';
import { useState } from 'react';
import { Typography } from '@mui/material';
import { ActionButton, ActionDialog, Editable } from '../ui/actions.tsx';
import { choices } from '../ui/choices.ts';
import { MoneyField } from '../ui/fields.tsx';
import { PlainList } from '../ui/lists.tsx';
import { importStatement, paymentActions, type Payment, type StatementFormat } from '../calls/payments.ts';
import type { Schemas } from '../../api/client.ts';

type PaymentImportReport = Schemas['PaymentImportReport'];

type Allocation = Payment['allocations'][number];
const methods = choices(['bank_transfer', 'card', 'cash', 'other']);
const matched = [
  { id: 'true', name: 'tollbook.payments.unmatched' },
  { id: 'false', name: 'tollbook.payments.matched' },
];

const filters = [
  <ReferenceInput key="customerId" source="customerId" reference="customers" alwaysOn />,
  <SelectInput key="unmatched" source="unmatched" choices={matched} alwaysOn />,
  <DateInput key="receivedFrom" source="receivedFrom" />,
  <DateInput key="receivedTo" source="receivedTo" />,
];

const customer = (
  <ReferenceField source="customerId" reference="customers" link={false} emptyText="tollbook.payments.unmatched" />
);
const receivedAt = <DateField source="receivedAt" showTime />;

/** A bank statement (CSV with its column mapping, or camt.053) becomes payments; the notification reports every row. */
function ImportStatement() {
  const translate = useTranslate();
  const [file, setFile] = useState<File | null>(null);
  return (
    <ActionDialog<{ format: StatementFormat; mapping?: string }, PaymentImportReport>
      label="tollbook.payments.import"
      done="tollbook.payments.imported"
      defaultValues={{ format: 'csv' }}
      doneArgs={(r) => ({
        accepted: r.accepted,
        unmatched: r.unmatched,
        duplicates: r.duplicates,
        rejected: r.rejected.length,
        reasons: r.rejected.length
          ? `: ${r.rejected
              .slice(0, 5)
              .map((x) => `#${x.row} ${x.code} (${x.field})`)
              .join(', ')}`
          : '',
      })}
      action={async (v) => {
        if (!file) throw new Error(translate('tollbook.payments.import_choose'));
        return importStatement(file, v.format, v.mapping || undefined);
      }}
    >
      <SelectInput
        source="format"
        choices={choices(['csv', 'camt053'])}
        validate={required()}
        label="tollbook.payments.import_format"
      />
      <TextInput source="mapping" label="tollbook.payments.import_mapping" fullWidth multiline />
      <Typography component="label">
        {translate('tollbook.payments.import_file')}{' '}
        <input
          type="file"
          name="statement"
          accept=".csv,.xml,text/csv,application/xml"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </Typography>
    </ActionDialog>
  );
}

export const PaymentList = () => (
  <PlainList
    filters={filters}
    actions={
      <TopToolbar>
        <FilterButton />
        <Editable>
          <CreateButton />
        </Editable>
        <ImportStatement />
      </TopToolbar>
    }
  >
    {receivedAt}
    {customer}
    <MoneyField<Payment> source="amount" amount={(p) => p.amount} />
    <MoneyField<Payment> source="unallocated" amount={(p) => p.unallocated} />
    <TextField source="status" />
    <TextField source="method" />
    <TextField source="payer" emptyText="—" />
    <TextField source="reference" emptyText="—" />
  </PlainList>
);

export const PaymentCreate = () => (
  <Create redirect="show">
    <SimpleForm>
      <ReferenceInput source="customerId" reference="customers" />
      <TextInput source="amount" validate={required()} helperText="tollbook.payments.amount_help" />
      <TextInput source="currency" validate={required()} defaultValue="EUR" />
      <DateTimeInput source="receivedAt" />
      <SelectInput source="method" choices={methods} defaultValue="bank_transfer" />
      <TextInput source="payer" />
      <TextInput source="reference" />
    </SimpleForm>
  </Create>
);

/** An allocation that can still be undone: a positive binding no later entry has unbound. */
const live = (p: Payment, a: Allocation) =>
  (a.kind === 'auto' || a.kind === 'manual') && !p.allocations.some((b) => b.reversesId === a.id);

function UnbindButton() {
  const payment = useShowContext<Payment>().record;
  const allocation = useRecordContext<Allocation>();
  if (!payment || !allocation || payment.status === 'reversed' || !live(payment, allocation)) return null;
  return (
    <ActionButton
      label="tollbook.payments.unbind"
      done="tollbook.payments.unbound"
      action={() => paymentActions.unbind(payment.id, allocation.id)}
    />
  );
}

function PaymentActions() {
  const p = useRecordContext<Payment>();
  if (!p || p.status === 'reversed') return <TopToolbar />;
  return (
    <TopToolbar>
      {p.status === 'unmatched' ? (
        <ActionDialog<{ customerId: string }>
          label="tollbook.payments.match"
          done="tollbook.payments.matched_done"
          action={(v) => paymentActions.match(p.id, v.customerId)}
          variant="contained"
        >
          <ReferenceInput source="customerId" reference="customers">
            <SelectInputRequired />
          </ReferenceInput>
        </ActionDialog>
      ) : null}
      {p.status === 'matched' && Number(p.unallocated) > 0 ? (
        <ActionDialog<{ documentId: string; amount: string }>
          label="tollbook.payments.bind"
          done="tollbook.payments.bound"
          action={(v) => paymentActions.bind(p.id, { documentId: v.documentId, amount: v.amount })}
          defaultValues={{ amount: p.unallocated }}
        >
          <ReferenceInput
            source="documentId"
            reference="documents"
            filter={{ customerId: p.customerId, status: 'issued' }}
          >
            <SelectInputRequired />
          </ReferenceInput>
          <TextInput source="amount" validate={required()} helperText="tollbook.payments.bind_help" />
        </ActionDialog>
      ) : null}
      <ActionButton
        label="tollbook.payments.reverse"
        done="tollbook.payments.reversed"
        confirm="tollbook.payments.confirm_reverse"
        color="error"
        action={() => paymentActions.reverse(p.id)}
      />
    </TopToolbar>
  );
}

const SelectInputRequired = () => <SelectInput validate={required()} fullWidth />;

export const PaymentShow = () => (
  <Show actions={<PaymentActions />}>
    <SimpleShowLayout>
      <TextField source="status" />
      {customer}
      <MoneyField<Payment> source="amount" amount={(p) => p.amount} />
      <MoneyField<Payment> source="allocated" amount={(p) => p.allocated} />
      <MoneyField<Payment> source="unallocated" amount={(p) => p.unallocated} />
      {receivedAt}
      <TextField source="method" />
      <TextField source="payer" emptyText="—" />
      <TextField source="reference" emptyText="—" />
      <TextField source="source" />
      <TextField source="externalId" emptyText="—" />
      <ArrayField source="allocations" label="tollbook.payments.allocations">
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <DateField source="at" showTime />
          <ReferenceField source="documentId" reference="documents" link="show" />
          <TextField source="kind" />
          <TextField source="amount" textAlign="right" />
          <FunctionField<Allocation> source="paymentAmount" textAlign="right" render={(a) => a.paymentAmount} />
          <TextField source="reason" emptyText="" />
          <UnbindButton />
        </Datagrid>
      </ArrayField>
    </SimpleShowLayout>
  </Show>
);
