import {
  ArrayInput,
  BooleanField,
  BooleanInput,
  Create,
  CreateButton,
  DeleteButton,
  Edit,
  EditButton,
  FormDataConsumer,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleFormIterator,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
} from 'react-admin';
import { Editable } from '../ui/actions.tsx';
import { choices } from '../ui/choices.ts';
import { EmptyState } from '../ui/empty.tsx';
import { PlainList } from '../ui/lists.tsx';

const kinds = choices(['recurring', 'one_off', 'usage']);
const periods = choices(['month', 'quarter', 'year']);
const priceModels = choices(['flat', 'graduated', 'volume', 'package']);
const renderModes = choices(['during_generation', 'on_first_view']);

const ListActions = () => (
  <TopToolbar>
    <Editable>
      <CreateButton />
    </Editable>
  </TopToolbar>
);

const ShowActions = () => (
  <TopToolbar>
    <Editable>
      <EditButton />
      {/* Only what nothing refers to: the API refuses the others and says why. */}
      <DeleteButton mutationMode="pessimistic" />
    </Editable>
  </TopToolbar>
);

export const ProductList = () => (
  <PlainList
    actions={<ListActions />}
    empty={
      <EmptyState text="tollbook.catalog.products_empty">
        <Editable>
          <CreateButton variant="contained" />
        </Editable>
      </EmptyState>
    }
  >
    <TextField source="code" />
    <TextField source="name" />
    <TextField source="kind" />
    <TextField source="priceModel" />
    <TextField source="price" emptyText="—" textAlign="right" />
    <TextField source="currency" />
    <TextField source="taxRate" emptyText="—" />
  </PlainList>
);

/**
 * A product and its price model: a flat price, tiers (graduated or volume), or a package price.
 * Only the chosen model's fields are shown and sent; the API's field errors land beside them.
 */
function ProductForm() {
  return (
    <SimpleForm>
      <TextInput source="code" validate={required()} />
      <TextInput source="name" validate={required()} sx={{ minWidth: 400 }} />
      <SelectInput source="kind" choices={kinds} validate={required()} defaultValue="recurring" />
      <SelectInput source="period" choices={periods} emptyText="—" helperText="tollbook.catalog.period_help" />
      <TextInput source="unit" />
      <TextInput source="currency" helperText="tollbook.catalog.currency_help" />
      <TextInput source="taxRate" helperText="tollbook.catalog.tax_help" />
      <SelectInput source="priceModel" choices={priceModels} validate={required()} defaultValue="flat" />
      <FormDataConsumer<{ priceModel?: string }>>
        {({ formData }) =>
          formData.priceModel === 'graduated' || formData.priceModel === 'volume' ? (
            <ArrayInput source="tiers">
              <SimpleFormIterator inline disableReordering>
                <TextInput source="upTo" helperText="tollbook.catalog.up_to_help" />
                <TextInput source="unitPrice" validate={required()} />
                <TextInput source="flatFee" />
              </SimpleFormIterator>
            </ArrayInput>
          ) : (
            <>
              <TextInput source="price" validate={required()} />
              {formData.priceModel === 'package' ? (
                <>
                  <TextInput source="packageSize" validate={required()} sx={{ ml: 2 }} />
                  <TextInput source="freeUnits" sx={{ ml: 2 }} />
                </>
              ) : null}
            </>
          )
        }
      </FormDataConsumer>
      <NumberInput source="allocationPriority" helperText="tollbook.catalog.priority_help" />
      <BooleanInput source="allowOverlap" />
    </SimpleForm>
  );
}

export const ProductCreate = () => (
  <Create redirect="show">
    <ProductForm />
  </Create>
);

export const ProductEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <ProductForm />
  </Edit>
);

export const ProductShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="code" />
      <TextField source="name" />
      <TextField source="kind" />
      <TextField source="period" emptyText="—" />
      <TextField source="priceModel" />
      <TextField source="price" emptyText="—" />
      <TextField source="packageSize" emptyText="—" />
      <TextField source="freeUnits" emptyText="—" />
      <TextField source="currency" />
      <TextField source="unit" />
      <TextField source="taxRate" emptyText="—" />
      <NumberField source="allocationPriority" />
      <BooleanField source="allowOverlap" />
    </SimpleShowLayout>
  </Show>
);

export const SchemeList = () => (
  <PlainList
    actions={<ListActions />}
    empty={
      <EmptyState text="tollbook.catalog.schemes_empty">
        <Editable>
          <CreateButton variant="contained" />
        </Editable>
      </EmptyState>
    }
  >
    <TextField source="name" />
    <NumberField source="paymentTermsDays" />
    <TextField source="taxRate" />
    <TextField source="currency" emptyText="—" />
    <BooleanField source="isDefault" />
  </PlainList>
);

const Sequence = ({ source }: { source: string }) => (
  <ReferenceInput source={source} reference="number-sequences">
    <SelectInput optionText="name" emptyText="—" />
  </ReferenceInput>
);

/** The terms documents are made with: numbering, tax, payment terms, discount, legal entity, render. */
function SchemeForm() {
  return (
    <SimpleForm>
      <TextInput source="name" validate={required()} sx={{ minWidth: 400 }} />
      <BooleanInput source="isDefault" />
      <Sequence source="invoiceNumberSequenceId" />
      <Sequence source="proformaNumberSequenceId" />
      <Sequence source="actNumberSequenceId" />
      <Sequence source="vatInvoiceNumberSequenceId" />
      <NumberInput source="paymentTermsDays" />
      <TextInput source="taxRate" helperText="tollbook.catalog.tax_help" />
      <TextInput source="callDiscountPercent" />
      <TextInput source="currency" helperText="tollbook.catalog.scheme_currency_help" />
      <ReferenceInput source="legalEntityId" reference="legal-entities">
        <SelectInput optionText="name" emptyText="—" />
      </ReferenceInput>
      <SelectInput source="renderMode" choices={renderModes} />
      <BooleanInput source="proformaIncludesUnscheduled" />
    </SimpleForm>
  );
}

export const SchemeCreate = () => (
  <Create redirect="show">
    <SchemeForm />
  </Create>
);

export const SchemeEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SchemeForm />
  </Edit>
);

const SequenceField = ({ source }: { source: string }) => (
  <ReferenceField source={source} reference="number-sequences" emptyText="—" />
);

export const SchemeShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="name" />
      <BooleanField source="isDefault" />
      <NumberField source="paymentTermsDays" />
      <TextField source="taxRate" />
      <TextField source="callDiscountPercent" />
      <TextField source="renderMode" />
      <TextField source="currency" emptyText="—" />
      <SequenceField source="invoiceNumberSequenceId" />
      <SequenceField source="proformaNumberSequenceId" />
      <SequenceField source="actNumberSequenceId" />
      <SequenceField source="vatInvoiceNumberSequenceId" />
      <ReferenceField source="legalEntityId" reference="legal-entities" emptyText="—" />
      <BooleanField source="proformaIncludesUnscheduled" />
    </SimpleShowLayout>
  </Show>
);
