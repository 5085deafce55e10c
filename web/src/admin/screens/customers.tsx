import {
  Create,
  Datagrid,
  Edit,
  EmailField,
  List,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  required,
} from 'react-admin';
import { CursorPagination } from '../../shared/CursorPagination.tsx';

const statuses = ['active', 'suspended', 'closed'].map((id) => ({ id, name: id }));
const periods = ['monthly', 'biweekly', 'weekly', 'none'].map((id) => ({ id, name: id }));
const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={statuses} />,
];

/** Customers with search; a row opens the customer (its balance, statement and portal access). */
export function CustomerList() {
  return (
    <List filters={filters} perPage={25} pagination={<CursorPagination />}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <EmailField source="email" emptyText="—" />
        <TextField source="taxId" emptyText="—" />
        <TextField source="currency" />
        <TextField source="billingPeriod" />
        <TextField source="status" />
      </Datagrid>
    </List>
  );
}

function CustomerForm({ creating }: { creating?: boolean }) {
  return (
    <SimpleForm>
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput source="legalName" fullWidth />
      <TextInput source="email" type="email" />
      <TextInput source="taxId" />
      <TextInput source="accountCode" />
      {creating ? <TextInput source="currency" helperText="ISO 4217, e.g. EUR" /> : null}
      {creating ? <TextInput source="timezone" helperText="e.g. Europe/Madrid" /> : null}
      <SelectInput
        source="language"
        choices={[
          { id: 'en', name: 'English' },
          { id: 'ru', name: 'Русский' },
          { id: 'es', name: 'Español' },
        ]}
      />
      <SelectInput source="billingPeriod" choices={periods} />
      {creating ? null : <SelectInput source="status" choices={statuses} />}
    </SimpleForm>
  );
}

export const CustomerCreate = () => (
  <Create redirect="list">
    <CustomerForm creating />
  </Create>
);

export const CustomerEdit = () => (
  <Edit mutationMode="pessimistic">
    <CustomerForm />
  </Edit>
);
