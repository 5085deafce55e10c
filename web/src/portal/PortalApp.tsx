import {
  Admin,
  ArrayField,
  Datagrid,
  Show,
  SimpleShowLayout,
  FunctionField,
  List,
  Resource,
  SimpleList,
  TextField,
  useTranslate,
  CustomRoutes,
} from 'react-admin';
import { Link, Route } from 'react-router-dom';
import { Card, CardContent, Typography, useMediaQuery, type Theme } from '@mui/material';
import { useEffect, useState } from 'react';
import type { DataProvider } from 'react-admin';
import { HttpError } from 'react-admin';
import { api, type Schemas } from '../api/client.ts';
import { unwrap } from '../api/problems.ts';
import { authProvider } from '../shared/auth-provider.ts';
import { i18nProvider } from '../shared/i18n.ts';
import { AppLayout, darkTheme, lightTheme } from '../shared/look.tsx';
import { cleanFilter, pagedList } from '../shared/paged.ts';
import { AccountLinkPage } from '../shared/AccountLinkPage.tsx';
import { DestinationDetails } from '../shared/DestinationDetails.tsx';
import { CursorPagination } from '../shared/CursorPagination.tsx';
import { SignInPage } from '../shared/SignInPage.tsx';
import { PortalStatement } from './PortalStatement.tsx';

type PortalDocument = Schemas['PortalDocument'];
type PortalPayment = Schemas['PortalPayment'];
type Balance = Schemas['CustomerBalance'];

// The portal reaches only the customer-scoped API (/portal/…): its own documents and their files,
// its balance and its payments.
const portalData: DataProvider = {
  getList: (resource, params) =>
    (resource === 'portal-payments'
      ? pagedList(resource, params, (page) => unwrap(api.GET('/api/v1/portal/payments', { params: { query: page } })))
      : pagedList(resource, params, (page) =>
          unwrap(
            api.GET('/api/v1/portal/documents', {
              params: { query: { ...cleanFilter(params.filter ?? {}), ...page } },
            }),
          ),
        )) as never,
  getOne: async (_r, params) => ({
    data: (await unwrap(
      api.GET('/api/v1/portal/documents/{id}', { params: { path: { id: String(params.id) } } }),
    )) as never,
  }),
  getMany: () => Promise.reject(new HttpError('not offered', 405)),
  getManyReference: () => Promise.reject(new HttpError('not offered', 405)),
  create: () => Promise.reject(new HttpError('not offered', 405)),
  update: () => Promise.reject(new HttpError('not offered', 405)),
  updateMany: () => Promise.reject(new HttpError('not offered', 405)),
  delete: () => Promise.reject(new HttpError('not offered', 405)),
  deleteMany: () => Promise.reject(new HttpError('not offered', 405)),
};

function Empty() {
  const translate = useTranslate();
  return <Typography sx={{ m: 2 }}>{translate('tollbook.portal.empty')}</Typography>;
}

const pdfLink = (d: PortalDocument) => (
  <a href={`/api/v1/portal/documents/${d.id}/pdf`} download>
    PDF
  </a>
);
const ublLink = (d: PortalDocument) =>
  d.type === 'invoice' || d.type === 'credit_note' ? (
    <a href={`/api/v1/portal/documents/${d.id}/ubl`} download>
      UBL
    </a>
  ) : null;

/** The balance beside the payments: what is owed, overdue, and held as credit. */
function BalanceCard() {
  const translate = useTranslate();
  const [balance, setBalance] = useState<Balance | null>(null);
  useEffect(() => {
    unwrap(api.GET('/api/v1/portal/balance')).then(setBalance, () => setBalance(null));
  }, []);
  if (!balance) return null;
  const row = (key: 'outstanding' | 'overdue' | 'credit') => (
    <Typography key={key} variant="body2">
      {translate(`tollbook.portal.${key}`)}: {balance[key]} {balance.currency}
    </Typography>
  );
  return (
    <Card sx={{ mt: 1, mb: 1 }}>
      <CardContent>
        <Typography variant="h6">
          {translate('tollbook.portal.balance')}: {balance.balance} {balance.currency}
        </Typography>
        {row('outstanding')}
        {row('overdue')}
        {row('credit')}
      </CardContent>
    </Card>
  );
}

function PortalPayments() {
  const translate = useTranslate();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  // The balance comes first: on a phone there is no room beside the list.
  return (
    <>
      <BalanceCard />
      <List
        title={translate('tollbook.portal.payments')}
        exporter={false}
        perPage={25}
        pagination={<CursorPagination />}
      >
        {phone ? (
          <SimpleList<PortalPayment>
            linkType={false}
            primaryText={(p) => `${p.amount} ${p.currency}`}
            secondaryText={(p) => p.receivedAt.slice(0, 10)}
            tertiaryText={(p) => p.reference ?? ''}
          />
        ) : (
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <TextField source="receivedAt" />
            <FunctionField<PortalPayment> source="amount" render={(p) => `${p.amount} ${p.currency}`} />
            <TextField source="reference" emptyText="—" />
            <TextField source="status" />
          </Datagrid>
        )}
      </List>
    </>
  );
}

const portalDetails = (id: string, prefix?: string) =>
  unwrap(
    api.GET('/api/v1/portal/documents/{id}/details', { params: { path: { id }, query: prefix ? { prefix } : {} } }),
  );

const detailsLink = (d: PortalDocument) => <Link to={`/portal-documents/${d.id}/show`}>{d.number ?? d.id}</Link>;

/** One document: its lines, its files, and its calls per destination with a prefix search. */
function PortalDocumentShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="number" />
        <TextField source="type" />
        <TextField source="issueDate" />
        <TextField source="dueDate" emptyText="—" />
        <TextField source="paymentStatus" emptyText="—" />
        <FunctionField<PortalDocument>
          label="resources.documents.fields.totals.total"
          render={(d) => `${d.totals.total} ${d.currency}`}
        />
        <FunctionField<PortalDocument>
          label="tollbook.documents.pdf"
          render={(d) => (
            <>
              {pdfLink(d)} {ublLink(d)}
            </>
          )}
        />
        <ArrayField source="lines">
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <TextField source="description" />
            <TextField source="quantity" emptyText="—" />
            <TextField source="net" />
            <TextField source="gross" />
          </Datagrid>
        </ArrayField>
        <DestinationDetails load={portalDetails} />
      </SimpleShowLayout>
    </Show>
  );
}

function PortalDocuments() {
  const translate = useTranslate();
  // On a phone a table does not fit: one line per document, with its PDF link.
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  return (
    <List
      title={translate('tollbook.portal.title')}
      empty={<Empty />}
      exporter={false}
      perPage={25}
      pagination={<CursorPagination />}
    >
      {phone ? (
        <SimpleList<PortalDocument>
          linkType={false}
          primaryText={(d) => (
            <>
              {detailsLink(d)} · {d.type}
            </>
          )}
          secondaryText={(d) => `${d.totals.total} ${d.currency} · ${d.dueDate ?? d.issueDate ?? ''}`}
          tertiaryText={pdfLink}
        />
      ) : (
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <FunctionField<PortalDocument> source="number" render={detailsLink} />
          <TextField source="type" />
          <TextField source="issueDate" />
          <TextField source="dueDate" emptyText="—" />
          <FunctionField<PortalDocument>
            label="resources.documents.fields.totals.total"
            render={(d) => `${d.totals.total} ${d.currency}`}
          />
          <TextField source="paymentStatus" emptyText="—" />
          <FunctionField<PortalDocument> label="tollbook.documents.pdf" render={pdfLink} />
          <FunctionField<PortalDocument> label="UBL" render={ublLink} />
        </Datagrid>
      )}
    </List>
  );
}

export function PortalApp() {
  return (
    <Admin
      title="Tollbook"
      dataProvider={portalData}
      authProvider={authProvider('customer')}
      i18nProvider={i18nProvider}
      layout={AppLayout}
      loginPage={SignInPage}
      theme={lightTheme}
      darkTheme={darkTheme}
      disableTelemetry
      requireAuth
    >
      <Resource name="portal-documents" list={PortalDocuments} show={PortalDocumentShow} />
      <Resource name="portal-payments" list={PortalPayments} />
      {/* Not a list: the statement page, in the menu like the others. */}
      <Resource name="portal-statement" list={PortalStatement} />
      <CustomRoutes noLayout>
        <Route path="/accept-invitation" element={<AccountLinkPage purpose="invitation" />} />
        <Route path="/reset-password" element={<AccountLinkPage purpose="password_reset" />} />
      </CustomRoutes>
    </Admin>
  );
}
