import {
  BooleanField,
  BooleanInput,
  Create,
  DateInput,
  Edit,
  SelectArrayInput,
  SimpleForm,
  TextField,
  TextInput,
  required,
  usePermissions,
} from 'react-admin';
import { choices } from '../../ui/choices.ts';
import { PlainList } from '../../ui/lists.tsx';
import { canEdit } from '../../../shared/auth-provider.ts';

const criteria = choices(['exact_amount', 'outstanding_debts', 'service_priority', 'due_date', 'issue_date']);

export function AllocationConfigurationList() {
  const { permissions } = usePermissions();
  return (
    <PlainList rowClick={canEdit(permissions) ? 'edit' : false}>
      <TextField source="name" />
      <TextField source="criteria" />
      <BooleanField source="allowPartial" />
      <BooleanField source="isDefault" />
    </PlainList>
  );
}

const RuleForm = () => (
  <SimpleForm defaultValues={{ allowPartial: true }}>
    <TextInput source="name" validate={required()} />
    <SelectArrayInput source="criteria" choices={criteria} validate={required()} />
    <BooleanInput source="allowPartial" />
    <BooleanInput source="isDefault" />
  </SimpleForm>
);

export const AllocationConfigurationCreate = () => (
  <Create redirect="list">
    <RuleForm />
  </Create>
);
export const AllocationConfigurationEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <RuleForm />
  </Edit>
);

export const ExchangeRateList = () => (
  <PlainList filters={[<TextInput key="currency" source="currency" alwaysOn />]} rowClick={false}>
    <TextField source="currency" />
    <TextField source="rate" />
    <TextField source="validFrom" />
    <TextField source="createdAt" />
  </PlainList>
);

export const ExchangeRateCreate = () => (
  <Create redirect="list">
    <SimpleForm>
      <TextInput source="currency" validate={required()} />
      <TextInput source="rate" validate={required()} helperText="tollbook.rates.help" />
      <DateInput source="validFrom" validate={required()} />
    </SimpleForm>
  </Create>
);
