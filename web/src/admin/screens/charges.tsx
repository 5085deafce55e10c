import {
  Create,
  DateInput,
  DeleteButton,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  CreateButton,
  FilterButton,
  required,
  useRecordContext,
} from 'react-admin';
import { ActionDialog, Editable } from '../ui/actions.tsx';
import { choices } from '../ui/choices.ts';
import { PlainList } from '../ui/lists.tsx';
import { produceCharges } from '../calls/billing.ts';
import type { Schemas } from '../../api/client.ts';

type Charge = Schemas['Charge'];
const filters = [
  <ReferenceInput key="customerId" source="customerId" reference="customers" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={choices(['scheduled', 'unscheduled'])} alwaysOn />,
  <SelectInput key="unbilled" source="unbilled" choices={choices(['true', 'false'])} />,
  <ReferenceInput key="contractId" source="contractId" reference="contracts" />,
  <DateInput key="periodStart" source="periodStart" />,
  <DateInput key="periodEnd" source="periodEnd" />,
];

/** Makes the scheduled charges subscriptions owe for a period (idempotent: charged periods are counted, not repeated). */
function ProduceCharges() {
  return (
    <ActionDialog<
      { periodStart: string; periodEnd: string; customerId?: string },
      { created: number; existing: number }
    >
      label="tollbook.charges.produce"
      done="tollbook.charges.produced"
      doneArgs={(r) => ({ created: r.created, existing: r.existing })}
      action={(v) =>
        produceCharges({
          periodStart: v.periodStart,
          periodEnd: v.periodEnd,
          ...(v.customerId ? { customerId: v.customerId } : {}),
        })
      }
    >
      <DateInput source="periodStart" validate={required()} label="resources.charges.fields.periodStart" />
      <DateInput source="periodEnd" validate={required()} label="resources.charges.fields.periodEnd" />
      <ReferenceInput source="customerId" reference="customers" />
    </ActionDialog>
  );
}

export const ChargeList = () => (
  <PlainList
    filters={filters}
    actions={
      <TopToolbar>
        <FilterButton />
        <ProduceCharges />
        <Editable>
          <CreateButton label="tollbook.charges.one_off" />
        </Editable>
      </TopToolbar>
    }
  >
    <TextField source="billingDate" />
    <ReferenceField source="customerId" reference="customers" link={false} />
    <TextField source="description" />
    <TextField source="kind" />
    <TextField source="amount" textAlign="right" />
    <TextField source="currency" />
    <ReferenceField source="documentId" reference="documents" link={false} emptyText="—" />
  </PlainList>
);

/** A one-off charge on a contract: a product's price, or a free amount with a description. */
export const ChargeCreate = () => (
  <Create redirect="list">
    <SimpleForm>
      <ReferenceInput source="contractId" reference="contracts" filter={{ kind: 'customer' }}>
        <SelectInput validate={required()} />
      </ReferenceInput>
      <ReferenceInput source="productId" reference="products" />
      <TextInput source="quantity" />
      <TextInput source="unitPrice" />
      <TextInput source="amount" helperText="tollbook.charges.amount_help" />
      <TextInput source="currency" />
      <TextInput source="description" fullWidth />
      <DateInput source="date" />
      <TextInput source="taxRate" />
    </SimpleForm>
  </Create>
);

function ChargeActions() {
  const c = useRecordContext<Charge>();
  return (
    <TopToolbar>
      {c && !c.documentId ? (
        <Editable>
          <DeleteButton mutationMode="pessimistic" />
        </Editable>
      ) : null}
    </TopToolbar>
  );
}

export const ChargeShow = () => (
  <Show actions={<ChargeActions />}>
    <SimpleShowLayout>
      <ReferenceField source="customerId" reference="customers" />
      <ReferenceField source="contractId" reference="contracts" />
      <ReferenceField source="subscriptionId" reference="subscriptions" emptyText="—" />
      <TextField source="kind" />
      <TextField source="description" />
      <TextField source="quantity" />
      <TextField source="unitPrice" emptyText="—" />
      <TextField source="amount" />
      <TextField source="currency" />
      <TextField source="servicePeriodStart" emptyText="—" />
      <TextField source="servicePeriodEnd" emptyText="—" />
      <TextField source="billingDate" />
      <ReferenceField source="documentId" reference="documents" emptyText="—" />
    </SimpleShowLayout>
  </Show>
);
