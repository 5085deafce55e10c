import {
  Create,
  DateField,
  DateInput,
  Edit,
  ReferenceField,
  ReferenceInput,
  ReferenceManyField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  EditButton,
  Datagrid,
} from 'react-admin';
import { choices } from '../ui/choices.ts';
import { PlainList } from '../ui/lists.tsx';
import { Editable } from '../ui/actions.tsx';

const kinds = choices(['customer', 'basic']);
const statuses = choices(['active', 'closed']);
const filters = [
  <ReferenceInput key="customerId" source="customerId" reference="customers" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={kinds} />,
  <SelectInput key="status" source="status" choices={statuses} />,
];

export const ContractList = () => (
  <PlainList filters={filters}>
    <TextField source="name" />
    <TextField source="number" emptyText="—" />
    <TextField source="kind" />
    <ReferenceField source="customerId" reference="customers" link={false} emptyText="—" />
    <TextField source="date" emptyText="—" />
    <TextField source="status" />
  </PlainList>
);

const Scheme = () => <ReferenceInput source="invoicingSchemeId" reference="invoicing-schemes" />;

export const ContractCreate = () => (
  <Create redirect="show">
    <SimpleForm defaultValues={{ kind: 'customer' }}>
      <SelectInput source="kind" choices={kinds} />
      <TextInput source="name" />
      <ReferenceInput source="customerId" reference="customers" />
      <ReferenceInput source="basicContractId" reference="contracts" filter={{ kind: 'basic' }} />
      <TextInput source="number" />
      <DateInput source="date" />
      <Scheme />
    </SimpleForm>
  </Create>
);

export const ContractEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <TextInput source="name" />
      <TextInput source="number" />
      <DateInput source="date" />
      <SelectInput source="status" choices={statuses} />
      <Scheme />
    </SimpleForm>
  </Edit>
);

/** A contract with what it bills: its subscriptions and its charges. */
export const ContractShow = () => (
  <Show
    actions={
      <TopToolbar>
        <Editable>
          <EditButton />
        </Editable>
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="number" emptyText="—" />
      <TextField source="kind" />
      <ReferenceField source="customerId" reference="customers" emptyText="—" />
      <ReferenceField source="basicContractId" reference="contracts" emptyText="—" />
      <TextField source="date" emptyText="—" />
      <TextField source="status" />
      <ReferenceField source="invoicingSchemeId" reference="invoicing-schemes" emptyText="—" />
      <ReferenceManyField reference="subscriptions" target="contractId" label="resources.subscriptions.name">
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <ReferenceField source="productId" reference="products" link={false} />
          <TextField source="quantity" />
          <TextField source="startDate" />
          <TextField source="endDate" emptyText="—" />
        </Datagrid>
      </ReferenceManyField>
      <ReferenceManyField reference="charges" target="contractId" label="resources.charges.name">
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <DateField source="billingDate" />
          <TextField source="description" />
          <TextField source="kind" />
          <TextField source="amount" textAlign="right" />
          <ReferenceField source="documentId" reference="documents" emptyText="—" />
        </Datagrid>
      </ReferenceManyField>
    </SimpleShowLayout>
  </Show>
);
