import {
  Button,
  Create,
  Datagrid,
  Edit,
  List,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  required,
  useNotify,
  useRecordContext,
  useRedirect,
  type RaRecord,
} from 'react-admin';
import { ActionButton } from '../ui/actions.tsx';
import { endUserSessions, passwordResetLink } from '../calls/access.ts';
import { CursorPagination } from '../../shared/CursorPagination.tsx';

const roles = ['viewer', 'accountant', 'admin'].map((id) => ({ id, name: id }));
const statuses = ['active', 'disabled'].map((id) => ({ id, name: id }));

/** A reset link shown to the admin to pass on (valid one hour), and signing a user out everywhere. */
function UserAccess() {
  const user = useRecordContext<{ id: string }>();
  const notify = useNotify();
  if (!user) return null;
  return (
    <span onClick={(e) => e.stopPropagation()}>
      <Button
        label="tollbook.users.reset_link"
        onClick={() =>
          passwordResetLink(user.id).then(
            (link) =>
              notify('tollbook.users.reset_link_made', {
                type: 'info',
                autoHideDuration: null,
                messageArgs: { link: `${window.location.origin}${link.path}` },
              }),
            (error: Error) => notify(error.message, { type: 'error' }),
          )
        }
      />
      <ActionButton
        label="tollbook.users.sign_out"
        confirm="tollbook.users.confirm_sign_out"
        done="tollbook.users.signed_out"
        action={() => endUserSessions(user.id)}
      />
    </span>
  );
}

/** Staff and customer users; a row opens its name, role and status (a disabled user cannot sign in). */
export const UserList = () => (
  <List perPage={25} exporter={false} pagination={<CursorPagination />}>
    <Datagrid bulkActionButtons={false} rowClick="edit">
      <TextField source="name" />
      <TextField source="email" />
      <TextField source="kind" />
      <TextField source="role" emptyText="—" />
      <TextField source="status" />
      <TextField source="lastSignInAt" emptyText="—" />
      <UserAccess />
    </Datagrid>
  </List>
);

/** Changing the role or disabling the user ends its sessions (the API does). */
export const UserEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm>
      <TextInput source="email" readOnly />
      <TextInput source="name" validate={required()} />
      <SelectInput source="role" choices={roles} emptyText="—" />
      <SelectInput source="status" choices={statuses} validate={required()} />
    </SimpleForm>
  </Edit>
);

/** Invites a member of staff; the link is shown to the admin to pass on (and emailed once SMTP exists). */
export function UserCreate() {
  const notify = useNotify();
  const redirect = useRedirect();
  const onSuccess = (data: RaRecord) => {
    const path = (data as { invitation?: { path: string } }).invitation?.path ?? '';
    notify('tollbook.users.invited', {
      type: 'info',
      autoHideDuration: null,
      messageArgs: { link: `${window.location.origin}${path}` },
    });
    redirect('list', 'users');
  };
  return (
    <Create mutationOptions={{ onSuccess }}>
      <SimpleForm>
        <TextInput source="email" type="email" validate={required()} />
        <TextInput source="name" validate={required()} />
        <SelectInput source="role" choices={roles} validate={required()} defaultValue="viewer" />
      </SimpleForm>
    </Create>
  );
}
