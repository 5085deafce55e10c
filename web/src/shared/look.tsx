import type { ReactNode } from 'react';
import {
  AppBar,
  Layout,
  UserMenu,
  defaultDarkTheme,
  defaultLightTheme,
  useGetIdentity,
  type RaThemeOptions,
} from 'react-admin';
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
 * react-admin's themes with an app bar dark enough for its white text (WCAG AA contrast: the
 * default blue is 3.1:1, this one 5.7:1) and spinners that have a name.
 */
export const lightTheme: RaThemeOptions = {
  ...defaultLightTheme,
  palette: {
    ...defaultLightTheme.palette,
    secondary: { light: '#5e92f3', main: '#1565c0', dark: '#003c8f', contrastText: '#fff' },
  },
  components: { ...defaultLightTheme.components, MuiCircularProgress: spinner },
};
export const darkTheme: RaThemeOptions = {
  ...defaultDarkTheme,
  components: { ...defaultDarkTheme.components, MuiCircularProgress: spinner },
};

/** The user menu's button is named by the name it shows (not "Profile" beside another visible text). */
function NamedUserMenu() {
  const { identity } = useGetIdentity();
  return <UserMenu label={identity?.fullName ? String(identity.fullName) : 'ra.auth.user_menu'} />;
}

const NamedAppBar = () => <AppBar userMenu={<NamedUserMenu />} />;

/** The layout both apps use: react-admin's, with the user menu above. */
export const AppLayout = ({ children }: { children: ReactNode }) => <Layout appBar={NamedAppBar}>{children}</Layout>;
