import type { ReactNode } from 'react';
import { ListItemText, MenuItem } from '@mui/material';
import {
  AppBar,
  Layout,
  Logout,
  UserMenu,
  defaultDarkTheme,
  defaultLightTheme,
  useGetIdentity,
  useLogout,
  useTranslate,
  useUserMenu,
  type RaThemeOptions,
} from 'react-admin';
import { api } from '../api/client.ts';
import { i18nProvider } from './i18n.ts';

// Spinners are announced with the current language's word for "loading" (read at each render).
const spinner = {
  defaultProps: {
    get 'aria-label'() {
      return i18nProvider.translate('ra.page.loading');
    },
  },
};

/**
 * react-admin's themes with blues dark enough for AA contrast (4.5:1): buttons' text on the light
 * page (the default blue is 4.4:1 there, this one 5.5:1) and the app bar's white text (3.1:1 by
 * default, 8.6:1 here); and spinners that have a name.
 */
export const lightTheme: RaThemeOptions = {
  ...defaultLightTheme,
  palette: {
    ...defaultLightTheme.palette,
    primary: { light: '#5e92f3', main: '#1565c0', dark: '#003c8f', contrastText: '#fff' },
    secondary: { light: '#5472d3', main: '#0d47a1', dark: '#002171', contrastText: '#fff' },
  },
  components: { ...defaultLightTheme.components, MuiCircularProgress: spinner },
};
export const darkTheme: RaThemeOptions = {
  ...defaultDarkTheme,
  components: { ...defaultDarkTheme.components, MuiCircularProgress: spinner },
};

/** Ends every session of the signed-in user (a lost laptop, a shared computer), this one included. */
function SignOutEverywhere() {
  const translate = useTranslate();
  const logout = useLogout();
  const menu = useUserMenu();
  const go = async () => {
    menu?.onClose();
    await api.POST('/api/v1/auth/sign-out-everywhere').catch(() => undefined);
    await logout();
  };
  return (
    <MenuItem onClick={() => void go()}>
      <ListItemText>{translate('tollbook.auth.sign_out_everywhere')}</ListItemText>
    </MenuItem>
  );
}

/** The user menu's button is named by the name it shows (not "Profile" beside another visible text). */
function NamedUserMenu() {
  const { identity } = useGetIdentity();
  return (
    <UserMenu label={identity?.fullName ? String(identity.fullName) : 'ra.auth.user_menu'}>
      <SignOutEverywhere />
      <Logout />
    </UserMenu>
  );
}

const NamedAppBar = () => <AppBar userMenu={<NamedUserMenu />} />;

/** The layout both apps use: react-admin's, with the user menu above. */
export const AppLayout = ({ children }: { children: ReactNode }) => <Layout appBar={NamedAppBar}>{children}</Layout>;
