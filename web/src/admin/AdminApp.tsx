import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { dataProvider } from './data-provider.ts';
import { authProvider, canEdit, isAdmin } from '../shared/auth-provider.ts';
import { i18nProvider } from '../shared/i18n.ts';
import { AccountLinkPage } from '../shared/AccountLinkPage.tsx';
import { SignInPage } from '../shared/SignInPage.tsx';
import { AppLayout, darkTheme, lightTheme } from '../shared/look.tsx';
import { Dashboard } from './screens/dashboard.tsx';
import { screens } from './screens.ts';
import { resources } from './resources.ts';

// Delete is offered on a resource only when the API has a DELETE for it (a `remove` call).
const auth = authProvider('staff', (resource) => Boolean(resources[resource]?.remove));

/**
 * The staff app: one <Resource> per screen (./screens.ts). What a role may not do is not offered
 * to it: create and edit pages exist for accountants and admins only (admins only where the API says so);
 * users for admins only.
 */
export function AdminApp() {
  return (
    <Admin
      title="Tollbook"
      dataProvider={dataProvider}
      authProvider={auth}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      layout={AppLayout}
      loginPage={SignInPage}
      theme={lightTheme}
      darkTheme={darkTheme}
      disableTelemetry
      requireAuth
    >
      {(permissions: unknown) => [
        ...screens
          .filter((s) => !s.adminOnly || isAdmin(permissions))
          .map(({ name, list, show, create, edit, recordRepresentation, extraRoutes, adminEdits }) => (
            <Resource
              key={name}
              name={name}
              list={list}
              show={show}
              create={canEdit(permissions) && (!adminEdits || isAdmin(permissions)) ? create : undefined}
              edit={canEdit(permissions) && (!adminEdits || isAdmin(permissions)) ? edit : undefined}
              recordRepresentation={recordRepresentation}
            >
              {extraRoutes}
            </Resource>
          )),
        <CustomRoutes key="links" noLayout>
          <Route path="/accept-invitation" element={<AccountLinkPage purpose="invitation" />} />
          <Route path="/reset-password" element={<AccountLinkPage purpose="password_reset" />} />
        </CustomRoutes>,
      ]}
    </Admin>
  );
}
