import { BooleanField, Datagrid, List, NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';

export const ProductList = () => (
  <List perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="code" />
      <TextField source="name" />
      <TextField source="kind" />
      <TextField source="price" emptyText="—" />
      <TextField source="currency" />
      <TextField source="taxRate" emptyText="—" />
    </Datagrid>
  </List>
);

export const ProductShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="code" />
      <TextField source="name" />
      <TextField source="kind" />
      <TextField source="period" emptyText="—" />
      <TextField source="priceModel" />
      <TextField source="price" emptyText="—" />
      <TextField source="currency" />
      <TextField source="unit" />
      <TextField source="taxRate" emptyText="—" />
    </SimpleShowLayout>
  </Show>
);

export const SchemeList = () => (
  <List perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="name" />
      <NumberField source="paymentTermsDays" />
      <TextField source="taxRate" />
      <BooleanField source="isDefault" />
    </Datagrid>
  </List>
);

export const SchemeShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" />
      <BooleanField source="isDefault" />
      <NumberField source="paymentTermsDays" />
      <TextField source="taxRate" />
      <TextField source="callDiscountPercent" />
      <TextField source="renderMode" />
      <TextField source="currency" emptyText="—" />
      <TextField source="invoiceNumberSequenceId" />
      <TextField source="legalEntityId" emptyText="—" />
    </SimpleShowLayout>
  </Show>
);
