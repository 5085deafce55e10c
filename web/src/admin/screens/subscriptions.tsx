import {
  ArrayField,
  Create,
  Datagrid,
  DateInput,
  DeleteButton,
  Edit,
  EditButton,
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
  useRecordContext,
} from 'react-admin';
import { ActionDialog, Editable } from '../ui/actions.tsx';
import { choices } from '../ui/choices.ts';
import { PlainList } from '../ui/lists.tsx';
import { subscriptionActions } from '../calls/billing.ts';
import type { Schemas } from '../../api/client.ts';
import { Box } from '@mui/material';
import { useCallback } from 'react';
import { resolvedScheme } from '../calls/catalog.ts';
import { ResolvedSchemeCard } from './resolved-scheme.tsx';

type Subscription = Schemas['Subscription'];
const billing = choices(['in_advance', 'in_arrears']);
const filters = [
  <ReferenceInput key="customerId" source="customerId" reference="customers" alwaysOn />,
  <ReferenceInput key="contractId" source="contractId" reference="contracts" />,
  <ReferenceInput key="productId" source="productId" reference="products" />,
  <DateInput key="activeFrom" source="activeFrom" />,
  <DateInput key="activeTo" source="activeTo" />,
];

export const SubscriptionList = () => (
  <PlainList filters={filters}>
    <ReferenceField source="customerId" reference="customers" link={false} />
    <ReferenceField source="productId" reference="products" link={false} />
    <TextField source="quantity" />
    <TextField source="unitPrice" emptyText="—" />
    <TextField source="startDate" />
    <TextField source="endDate" emptyText="—" />
    <TextField source="billing" />
  </PlainList>
);

function SubscriptionFields({ creating }: { creating?: boolean }) {
  return (
    <>
      {creating ? <ReferenceInput source="contractId" reference="contracts" filter={{ kind: 'customer' }} /> : null}
      {creating ? (
        <ReferenceInput source="productId" reference="products">
          <SelectInput validate={required()} />
        </ReferenceInput>
      ) : null}
      <TextInput source="quantity" />
      <TextInput source="unitPrice" helperText="tollbook.subscriptions.unit_price_help" />
      <DateInput source="startDate" />
      <DateInput source="endDate" />
      <SelectInput source="billing" choices={billing} />
      <TextInput source="description" fullWidth />
    </>
  );
}

export const SubscriptionCreate = () => (
  <Create redirect="show">
    <SimpleForm defaultValues={{ quantity: '1', billing: 'in_advance' }}>
      <SubscriptionFields creating />
    </SimpleForm>
  </Create>
);

export const SubscriptionEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <SubscriptionFields />
    </SimpleForm>
  </Edit>
);

const day = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

function SubscriptionActions() {
  const s = useRecordContext<Subscription>();
  if (!s) return null;
  const open = s.suspensions.some((p) => p.to === null);
  return (
    <TopToolbar>
      <ActionDialog<{ from: string; to?: string }>
        label="tollbook.subscriptions.suspend"
        done="tollbook.subscriptions.suspended"
        defaultValues={{ from: day() }}
        action={(v) => subscriptionActions.suspend(s.id, { from: v.from, to: v.to || null })}
      >
        <DateInput source="from" validate={required()} label="tollbook.subscriptions.from" />
        <DateInput source="to" label="tollbook.subscriptions.to" helperText="tollbook.subscriptions.to_help" />
      </ActionDialog>
      {open ? (
        <ActionDialog<{ date: string }>
          label="tollbook.subscriptions.resume"
          done="tollbook.subscriptions.resumed"
          // A suspension lasts at least a day: resuming is offered from tomorrow.
          defaultValues={{ date: day(1) }}
          action={(v) => subscriptionActions.resume(s.id, v.date)}
        >
          <DateInput source="date" validate={required()} label="tollbook.subscriptions.date" />
        </ActionDialog>
      ) : null}
      <Editable>
        <EditButton />
        <DeleteButton mutationMode="pessimistic" />
      </Editable>
    </TopToolbar>
  );
}

/** The invoicing scheme its charges are billed with, and where it came from. */
function SubscriptionScheme() {
  const s = useRecordContext<Subscription>();
  const id = s?.id;
  const load = useCallback(() => resolvedScheme.ofSubscription(id!), [id]);
  return id ? (
    <Box sx={{ p: 2 }}>
      <ResolvedSchemeCard load={load} />
    </Box>
  ) : null;
}

export const SubscriptionShow = () => (
  <Show actions={<SubscriptionActions />}>
    <SimpleShowLayout>
      <ReferenceField source="customerId" reference="customers" />
      <ReferenceField source="contractId" reference="contracts" />
      <ReferenceField source="productId" reference="products" />
      <TextField source="quantity" />
      <TextField source="unitPrice" emptyText="—" />
      <TextField source="startDate" />
      <TextField source="endDate" emptyText="—" />
      <TextField source="billing" />
      <TextField source="description" emptyText="—" />
      <ArrayField source="suspensions">
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="from" label="tollbook.subscriptions.from" />
          <TextField source="to" label="tollbook.subscriptions.to" emptyText="…" />
        </Datagrid>
      </ArrayField>
    </SimpleShowLayout>
    <SubscriptionScheme />
  </Show>
);
