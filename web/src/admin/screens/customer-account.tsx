import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField as DateBox,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import {
  CreateButton,
  EditButton,
  EmailField,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { canEdit, isAdmin } from '../../shared/auth-provider.ts';
import { ActionButton, ActionDialog, Editable } from '../ui/actions.tsx';
import {
  customerCalls,
  type Balance,
  type CustomerToken,
  type PortalUser,
  type Statement,
} from '../calls/customers.ts';
import { AssignmentsOf } from './rate-plan-assignments.tsx';
import { resolvedScheme } from '../calls/catalog.ts';
import { NextDocumentCard } from './next-document.tsx';
import { ResolvedSchemeCard } from './resolved-scheme.tsx';

type Customer = { id: string; name: string; currency: string };

/** What the customer owes, how much of it is overdue, and the credit it holds. */
function BalanceCard({ customer }: { customer: Customer }) {
  const t = useTranslate();
  const [balance, setBalance] = useState<Balance | null>(null);
  useEffect(() => {
    customerCalls.balance(customer.id).then(setBalance, () => setBalance(null));
  }, [customer.id]);
  return (
    <Card variant="outlined">
      <CardHeader title={t('tollbook.customer.balance')} titleTypographyProps={{ component: 'h2', variant: 'h6' }} />
      <CardContent>
        {balance ? (
          <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
            {(['outstanding', 'overdue', 'credit', 'balance'] as const).map((key) => (
              <Typography key={key}>
                {t(`tollbook.customer.${key}`)}: {balance[key]} {balance.currency}
              </Typography>
            ))}
          </Box>
        ) : null}
      </CardContent>
    </Card>
  );
}

const yearStart = () => `${new Date().getUTCFullYear()}-01-01`;

/** Documents, payments, allocations and reversals between two dates, with the running balance. */
function StatementCard({ customer }: { customer: Customer }) {
  const t = useTranslate();
  const [range, setRange] = useState({ from: yearStart(), to: '' });
  const [statement, setStatement] = useState<Statement | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    customerCalls.statement(customer.id, range.from || undefined, range.to || undefined).then(
      (s) => {
        setStatement(s);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [customer.id, range.from, range.to]);
  const head = ['date', 'kind', 'number', 'description', 'debit', 'credit', 'running'] as const;
  return (
    <Card variant="outlined">
      <CardHeader title={t('tollbook.customer.statement')} titleTypographyProps={{ component: 'h2', variant: 'h6' }} />
      <CardContent>
        <Box sx={{ display: 'flex', gap: 2, mb: 2 }}>
          {(['from', 'to'] as const).map((key) => (
            <DateBox
              key={key}
              type="date"
              size="small"
              label={t(`tollbook.customer.${key}`)}
              value={range[key]}
              onChange={(e) => setRange({ ...range, [key]: e.target.value })}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { name: `statement-${key}` } }}
            />
          ))}
        </Box>
        {error ? <Typography color="error">{error}</Typography> : null}
        {statement ? (
          <>
            <Typography>
              {t('tollbook.customer.opening')}: {statement.openingBalance} {statement.currency}
            </Typography>
            <Table size="small" aria-label={t('tollbook.customer.statement')}>
              <TableHead>
                <TableRow>
                  {head.map((h) => (
                    <TableCell key={h} align={['debit', 'credit', 'running'].includes(h) ? 'right' : 'left'}>
                      {t(`tollbook.customer.${h}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {statement.lines.map((l) => (
                  <TableRow key={`${l.kind}-${l.id}`}>
                    <TableCell>{l.date}</TableCell>
                    <TableCell>{l.kind}</TableCell>
                    <TableCell>
                      {l.documentId ? (
                        <a href={`#/documents/${l.documentId}/show`}>{l.number ?? l.documentId}</a>
                      ) : l.paymentId ? (
                        <a href={`#/payments/${l.paymentId}/show`}>{l.number ?? '—'}</a>
                      ) : (
                        (l.number ?? '—')
                      )}
                    </TableCell>
                    <TableCell>{l.description}</TableCell>
                    <TableCell align="right">{l.debit}</TableCell>
                    <TableCell align="right">{l.credit}</TableCell>
                    <TableCell align="right">{l.balance}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Typography sx={{ mt: 1 }}>
              {t('tollbook.customer.closing')}: {statement.closingBalance} {statement.currency}
            </Typography>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}

/**
 * Portal access: API tokens for the customer's own systems (shown once) and the people invited to
 * the portal. Accountants and admins issue and invite; only admins can list users (the API's rule).
 */
function PortalAccessCard({ customer }: { customer: Customer }) {
  const t = useTranslate();
  const { permissions } = usePermissions();
  // A new token or invitation link is shown here once, until dismissed; the API never shows it again.
  const [secret, setSecret] = useState<string | null>(null);
  const [tokens, setTokens] = useState<CustomerToken[]>([]);
  const [users, setUsers] = useState<PortalUser[]>([]);
  const load = useCallback(() => {
    if (!canEdit(permissions)) return;
    customerCalls.tokens(customer.id).then(
      (r) => setTokens(r.data),
      () => setTokens([]),
    );
    if (isAdmin(permissions))
      customerCalls.users(customer.id).then(
        (r) => setUsers(r.data),
        () => setUsers([]),
      );
  }, [customer.id, permissions]);
  useEffect(load, [load]);
  if (!canEdit(permissions)) return null;
  return (
    <Card variant="outlined">
      <CardHeader title={t('tollbook.customer.portal')} titleTypographyProps={{ component: 'h2', variant: 'h6' }} />
      <CardContent>
        <Box sx={{ display: 'flex', gap: 1, mb: 1 }}>
          <ActionDialog<{ name: string }, { token: string }>
            label="tollbook.customer.issue_token"
            done="tollbook.customer.token_issued"
            action={async (v) => {
              const issued = await customerCalls.issueToken(customer.id, v.name);
              setSecret(t('tollbook.customer.token_shown_once', { token: issued.token }));
              load();
              return issued;
            }}
          >
            <TextInput source="name" label="tollbook.customer.token_name" validate={required()} fullWidth />
          </ActionDialog>
          <ActionDialog<{ email: string; name: string }>
            label="tollbook.customer.invite"
            done="tollbook.customer.invited"
            action={async (v) => {
              const invited = await customerCalls.invite(customer.id, v);
              setSecret(t('tollbook.users.invited', { link: `${window.location.origin}${invited.invitation.path}` }));
              load();
              return invited;
            }}
          >
            <TextInput source="email" type="email" label="resources.users.fields.email" validate={required()} />
            <TextInput source="name" label="resources.users.fields.name" validate={required()} />
          </ActionDialog>
        </Box>
        {secret ? (
          <Alert severity="info" onClose={() => setSecret(null)} sx={{ mb: 1, wordBreak: 'break-all' }}>
            {secret}
          </Alert>
        ) : null}
        <Table size="small" aria-label={t('tollbook.customer.tokens')}>
          <TableHead>
            <TableRow>
              {['token_name', 'token_prefix', 'created', 'revoked', 'actions'].map((h) => (
                <TableCell key={h}>{t(`tollbook.customer.${h}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {tokens.map((k) => (
              <TableRow key={k.id}>
                <TableCell>{k.name}</TableCell>
                <TableCell>{k.tokenPrefix}</TableCell>
                <TableCell>{new Date(k.createdAt).toLocaleString()}</TableCell>
                <TableCell>{k.revokedAt ? new Date(k.revokedAt).toLocaleString() : '—'}</TableCell>
                <TableCell>
                  {k.revokedAt ? null : (
                    <ActionButton
                      label="tollbook.customer.revoke"
                      done="tollbook.customer.revoked"
                      confirm="tollbook.customer.confirm_revoke"
                      color="error"
                      action={async () => {
                        await customerCalls.revokeToken(customer.id, k.id);
                        load();
                      }}
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {isAdmin(permissions) ? (
          <Table size="small" aria-label={t('tollbook.customer.users')} sx={{ mt: 2 }}>
            <TableHead>
              <TableRow>
                {(['name', 'email', 'status', 'lastSignInAt'] as const).map((h) => (
                  <TableCell key={h}>{t(`resources.users.fields.${h}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {users.map((u) => (
                <TableRow key={u.id}>
                  <TableCell>{u.name}</TableCell>
                  <TableCell>{u.email}</TableCell>
                  <TableCell>{u.status}</TableCell>
                  <TableCell>{u.lastSignInAt ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </CardContent>
    </Card>
  );
}

function CustomerAccount() {
  const customer = useRecordContext<Customer>();
  const id = customer?.id;
  const loadScheme = useCallback(() => resolvedScheme.ofCustomer(id!), [id]);
  if (!customer) return null;
  return (
    <Box sx={{ display: 'grid', gap: 2, p: 2 }}>
      <ResolvedSchemeCard load={loadScheme} />
      <Editable>
        <NextDocumentCard customerId={customer.id} />
      </Editable>
      <BalanceCard customer={customer} />
      <StatementCard customer={customer} />
      <PortalAccessCard customer={customer} />
    </Box>
  );
}

/** A new document by hand for this customer (the create form opens with it chosen). */
function NewDocumentButton() {
  const customer = useRecordContext<Customer>();
  if (!customer) return null;
  return (
    <CreateButton
      resource="documents"
      label="tollbook.new_document.button"
      state={{ record: { customerId: customer.id } }}
    />
  );
}

/**
 * A customer: its details, the invoicing scheme that applies to it, a dry run of its next document,
 * balance, statement with a running balance, and portal access.
 */
export const CustomerShow = () => (
  <Show
    actions={
      <TopToolbar>
        <Editable>
          <NewDocumentButton />
          <EditButton />
        </Editable>
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="legalName" emptyText="—" />
      <EmailField source="email" emptyText="—" />
      <TextField source="taxId" emptyText="—" />
      <TextField source="accountCode" emptyText="—" />
      <TextField source="currency" />
      <TextField source="billingPeriod" />
      <TextField source="status" />
      <AssignmentsOf target="customerId" label="tollbook.assignments.title" />
    </SimpleShowLayout>
    <CustomerAccount />
  </Show>
);
