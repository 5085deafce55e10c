import {
  Create,
  Datagrid,
  List,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  required,
  useNotify,
  useRedirect,
  type RaRecord,
} from 'react-admin';

const roles = ['viewer', 'accountant', 'admin'].map((id) => ({ id, name: id }));

export const UserList = () => (
  <List perPage={25} exporter={false}>
    <Datagrid bulkActionButtons={false} rowClick={false}>
      <TextField source="name" />
      <TextField source="email" />
      <TextField source="kind" />
      <TextField source="role" emptyText="—" />
      <TextField source="status" />
      <TextField source="lastSignInAt" emptyText="—" />
    </Datagrid>
  </List>
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
