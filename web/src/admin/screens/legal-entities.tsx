import {
  BooleanField,
  BooleanInput,
  Create,
  CreateButton,
  Edit,
  EditButton,
  EmailField,
  FunctionField,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
  usePermissions,
} from 'react-admin';
import { Box } from '@mui/material';
import type { ReactNode } from 'react';
import { isAdmin } from '../../shared/auth-provider.ts';
import { EmptyState } from '../ui/empty.tsx';
import { PlainList } from '../ui/lists.tsx';
import type { Schemas } from '../../api/client.ts';

type LegalEntity = Schemas['LegalEntity'];

/** Senders are set up by admins (the API refuses other roles): others are not offered the buttons. */
function AdminOnly({ children }: { children: ReactNode }) {
  const { permissions } = usePermissions();
  return isAdmin(permissions) ? <>{children}</> : null;
}

const addressLine = (e: LegalEntity) =>
  [e.address?.line1, e.address?.postalCode, e.address?.city, e.address?.country].filter(Boolean).join(', ') || '—';

export const LegalEntityList = () => (
  <PlainList
    actions={
      <TopToolbar>
        <AdminOnly>
          <CreateButton />
        </AdminOnly>
      </TopToolbar>
    }
    empty={
      <EmptyState text="tollbook.legal_entities.empty">
        <AdminOnly>
          <CreateButton variant="contained" />
        </AdminOnly>
      </EmptyState>
    }
  >
    <TextField source="name" />
    <TextField source="taxId" emptyText="—" />
    <FunctionField<LegalEntity> source="address" render={addressLine} />
    <TextField source="bank.iban" emptyText="—" />
    <BooleanField source="isDefault" />
  </PlainList>
);

/** Empty address and bank lines are left out (the API takes them as absent, not as blank). */
function trimmed(values: Record<string, unknown>) {
  const part = (v: unknown) => {
    const kept = Object.entries((v ?? {}) as Record<string, unknown>).filter(([, x]) => x !== '' && x != null);
    return kept.length ? Object.fromEntries(kept) : null;
  };
  return { ...values, address: part(values.address), bank: part(values.bank) };
}

const Row = ({ children }: { children: ReactNode }) => (
  <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', width: '100%' }}>{children}</Box>
);

function LegalEntityForm() {
  return (
    <SimpleForm>
      <TextInput source="name" validate={required()} sx={{ minWidth: 400 }} />
      <Row>
        <TextInput source="taxId" />
        <TextInput source="kpp" />
        <TextInput source="email" type="email" />
        <TextInput source="phone" />
      </Row>
      <Row>
        <TextInput source="address.line1" />
        <TextInput source="address.line2" />
        <TextInput source="address.postalCode" />
        <TextInput source="address.city" />
        <TextInput source="address.region" />
        <TextInput source="address.country" helperText="tollbook.legal_entities.country_help" />
      </Row>
      <Row>
        <TextInput source="bank.name" />
        <TextInput source="bank.iban" helperText="tollbook.legal_entities.iban_help" />
        <TextInput source="bank.bic" />
        <TextInput source="bank.account" />
        <TextInput source="bank.correspondentAccount" />
        <TextInput source="bank.bik" />
      </Row>
      <BooleanInput source="isDefault" helperText="tollbook.legal_entities.default_help" />
    </SimpleForm>
  );
}

export const LegalEntityCreate = () => (
  <Create redirect="show" transform={trimmed}>
    <LegalEntityForm />
  </Create>
);

export const LegalEntityEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show" transform={trimmed}>
    <LegalEntityForm />
  </Edit>
);

export const LegalEntityShow = () => (
  <Show
    actions={
      <TopToolbar>
        <AdminOnly>
          <EditButton />
        </AdminOnly>
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="taxId" emptyText="—" />
      <TextField source="kpp" emptyText="—" />
      <EmailField source="email" emptyText="—" />
      <TextField source="phone" emptyText="—" />
      <FunctionField<LegalEntity> source="address" render={addressLine} />
      <TextField source="bank.name" emptyText="—" />
      <TextField source="bank.iban" emptyText="—" />
      <TextField source="bank.bic" emptyText="—" />
      <TextField source="bank.account" emptyText="—" />
      <TextField source="bank.bik" emptyText="—" />
      <BooleanField source="isDefault" />
    </SimpleShowLayout>
  </Show>
);
