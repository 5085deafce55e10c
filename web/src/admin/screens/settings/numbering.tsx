import {
  Create,
  Edit,
  NumberInput,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  required,
  usePermissions,
} from 'react-admin';
import { choices, documentTypes } from '../../ui/choices.ts';
import { PlainList } from '../../ui/lists.tsx';
import { canEdit } from '../../../shared/auth-provider.ts';

const resets = choices(['never', 'yearly', 'monthly']);

/** Number sequences with the number the next issued document would get today. */
export function NumberSequenceList() {
  const { permissions } = usePermissions();
  return (
    <PlainList
      rowClick={canEdit(permissions) ? 'edit' : false}
      filters={[<SelectInput key="documentType" source="documentType" choices={choices(documentTypes)} alwaysOn />]}
    >
      <TextField source="name" />
      <TextField source="documentType" />
      <TextField source="pattern" emptyText="—" />
      <TextField source="reset" />
      <TextField source="latestValue" emptyText="—" />
      <TextField source="nextNumber" />
    </PlainList>
  );
}

const SequenceFields = () => (
  <>
    <TextInput source="name" validate={required()} />
    <TextInput source="prefix" />
    <TextInput source="pattern" helperText="tollbook.sequences.pattern_help" />
    <NumberInput source="padding" />
    <NumberInput source="start" />
    <NumberInput source="increment" />
    <SelectInput source="reset" choices={resets} />
  </>
);

export const NumberSequenceCreate = () => (
  <Create redirect="list">
    <SimpleForm defaultValues={{ documentType: 'invoice', reset: 'yearly', padding: 5, start: 1, increment: 1 }}>
      <SelectInput source="documentType" choices={choices(documentTypes)} validate={required()} />
      <SequenceFields />
    </SimpleForm>
  </Create>
);

export const NumberSequenceEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm>
      <TextField source="nextNumber" />
      <SequenceFields />
    </SimpleForm>
  </Edit>
);
