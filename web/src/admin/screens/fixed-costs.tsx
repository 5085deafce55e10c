import {
  Create,
  CreateButton,
  DateField,
  Edit,
  SimpleForm,
  TextField,
  TextInput,
  TopToolbar,
  required,
  usePermissions,
} from 'react-admin';
import { canEdit } from '../../shared/auth-provider.ts';
import { Editable } from '../ui/actions.tsx';
import { EmptyState } from '../ui/empty.tsx';
import { PlainList } from '../ui/lists.tsx';

/** Fixed costs: named charges (line rental, numbers…) added to documents at a set price. */
export function FixedCostList() {
  const { permissions } = usePermissions();
  return (
    <PlainList
      rowClick={canEdit(permissions) ? 'edit' : false}
      actions={
        <TopToolbar>
          <Editable>
            <CreateButton />
          </Editable>
        </TopToolbar>
      }
      empty={
        <EmptyState text="tollbook.fixed_costs.empty">
          <Editable>
            <CreateButton variant="contained" />
          </Editable>
        </EmptyState>
      }
    >
      <TextField source="name" />
      <TextField source="description" emptyText="—" />
      <TextField source="cost" textAlign="right" />
      <DateField source="createdAt" />
    </PlainList>
  );
}

const FixedCostForm = () => (
  <SimpleForm>
    <TextInput source="name" validate={required()} sx={{ minWidth: 400 }} />
    <TextInput source="description" multiline sx={{ minWidth: 400 }} />
    <TextInput source="cost" validate={required()} helperText="tollbook.fixed_costs.cost_help" />
  </SimpleForm>
);

export const FixedCostCreate = () => (
  <Create redirect="list">
    <FixedCostForm />
  </Create>
);

export const FixedCostEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <FixedCostForm />
  </Edit>
);
