import {
  Create,
  DateField,
  FunctionField,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  TopToolbar,
  CreateButton,
  required,
  useNotify,
  useRecordContext,
  useRedirect,
  type RaRecord,
} from 'react-admin';
import { ActionButton, Editable } from '../ui/actions.tsx';
import { choices } from '../ui/choices.ts';
import { PlainList } from '../ui/lists.tsx';
import { revokeApiKey, type ApiKey } from '../calls/access.ts';

const roles = choices(['viewer', 'accountant', 'admin']);

function Revoke() {
  const key = useRecordContext<ApiKey>();
  if (!key || key.revokedAt) return null;
  return (
    <ActionButton
      label="tollbook.api_keys.revoke"
      done="tollbook.api_keys.revoked"
      confirm="tollbook.api_keys.confirm_revoke"
      color="error"
      action={() => revokeApiKey(key.id)}
    />
  );
}

/** Keys for machines: name, role, the first characters, and revocation (the last admin key stays). */
export const ApiKeyList = () => (
  <PlainList
    rowClick={false}
    actions={
      <TopToolbar>
        <Editable>
          <CreateButton />
        </Editable>
      </TopToolbar>
    }
  >
    <TextField source="name" />
    <TextField source="role" />
    <TextField source="keyPrefix" />
    <DateField source="createdAt" showTime />
    <DateField source="revokedAt" showTime emptyText="—" />
    <Revoke />
  </PlainList>
);

/** A new key is shown once, in a notice that stays until it is dismissed. */
export function ApiKeyCreate() {
  const notify = useNotify();
  const redirect = useRedirect();
  const onSuccess = (data: RaRecord) => {
    notify('tollbook.api_keys.created', {
      type: 'info',
      autoHideDuration: null,
      messageArgs: { key: (data as { key?: string }).key ?? '' },
    });
    redirect('list', 'api-keys');
  };
  return (
    <Create mutationOptions={{ onSuccess }}>
      <SimpleForm defaultValues={{ role: 'viewer' }}>
        <TextInput source="name" validate={required()} />
        <SelectInput source="role" choices={roles} validate={required()} />
      </SimpleForm>
    </Create>
  );
}

const auditFilters = [
  <TextInput key="objectType" source="objectType" alwaysOn />,
  <TextInput key="objectId" source="objectId" alwaysOn />,
];

/** Every change: who, when, what; the object before and after is in the API's answer. */
export const AuditEventList = () => (
  <PlainList filters={auditFilters} rowClick={false}>
    <DateField source="at" showTime />
    <FunctionField source="actorType" render={(e: RaRecord) => `${e.actorType} ${e.actorId}`} />
    <TextField source="objectType" />
    <TextField source="objectId" />
    <TextField source="action" />
  </PlainList>
);
