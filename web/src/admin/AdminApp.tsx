import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { dataProvider } from './data-provider.ts';
import { authProvider, canEdit, isAdmin } from '../shared/auth-provider.ts';
import { UserCreate, UserList } from './screens/users.tsx';
import { i18nProvider } from '../shared/i18n.ts';
import { AccountLinkPage } from '../shared/AccountLinkPage.tsx';
import { Dashboard } from './screens/dashboard.tsx';
import { CustomerCreate, CustomerEdit, CustomerList } from './screens/customers.tsx';
import { DocumentList, DocumentShow } from './screens/documents.tsx';
import { ProductList, ProductShow, SchemeList, SchemeShow } from './screens/catalog.tsx';

const auth = authProvider('staff');

/** The staff app: one <Resource> per screen; what a role may not do is not offered to it. */
export function AdminApp() {
  return (
    <Admin
      title="Tollbook"
      dataProvider={dataProvider}
      authProvider={auth}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      disableTelemetry
      requireAuth
    >
      {(permissions: unknown) => [
        <Resource
          key="customers"
          name="customers"
          list={CustomerList}
          edit={canEdit(permissions) ? CustomerEdit : undefined}
          create={canEdit(permissions) ? CustomerCreate : undefined}
          recordRepresentation="name"
        />,
        <Resource
          key="documents"
          name="documents"
          list={DocumentList}
          show={DocumentShow}
          recordRepresentation={(d) => d.number ?? d.id}
        />,
        <Resource key="products" name="products" list={ProductList} show={ProductShow} recordRepresentation="name" />,
        <Resource
          key="invoicing-schemes"
          name="invoicing-schemes"
          list={SchemeList}
          show={SchemeShow}
          recordRepresentation="name"
        />,
        isAdmin(permissions) ? <Resource key="users" name="users" list={UserList} create={UserCreate} /> : null,
        <CustomRoutes key="links" noLayout>
          <Route path="/accept-invitation" element={<AccountLinkPage purpose="invitation" />} />
          <Route path="/reset-password" element={<AccountLinkPage purpose="password_reset" />} />
        </CustomRoutes>,
      ]}
    </Admin>
  );
}
