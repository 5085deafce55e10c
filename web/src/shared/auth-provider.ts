import type { AuthProvider } from 'react-admin';
import { api, setCsrfToken, type Schemas } from '../api/client.ts';
import { unwrap } from '../api/problems.ts';

type SignedIn = Schemas['SignedIn'];

/**
 * Sign-in for the admin app (staff) and the portal (customer users): the server keeps the session
 * in an HttpOnly cookie; the browser only keeps the CSRF token, in memory, read again from
 * GET /auth/session after a reload.
 */
export function authProvider(kind: 'staff' | 'customer', deletable?: (resource: string) => boolean): AuthProvider {
  let current: SignedIn | null = null;
  const load = async (): Promise<SignedIn> => {
    if (current) return current;
    current = await unwrap(api.GET('/api/v1/auth/session'));
    setCsrfToken(current.csrfToken);
    return current;
  };
  const forget = () => {
    current = null;
    setCsrfToken(null);
  };
  const wrongApp = (user: Schemas['User']) =>
    user.kind !== kind ? new Error(kind === 'staff' ? 'tollbook.auth.use_portal' : 'tollbook.auth.use_admin') : null;
  return {
    async login({ username, password }: { username: string; password: string }) {
      forget();
      const signed = await unwrap(api.POST('/api/v1/auth/sign-in', { body: { email: username, password } }));
      setCsrfToken(signed.csrfToken);
      const refusal = wrongApp(signed.user);
      if (refusal) {
        await api.POST('/api/v1/auth/sign-out');
        setCsrfToken(null);
        throw refusal;
      }
      current = signed;
    },
    async logout() {
      if (current) await api.POST('/api/v1/auth/sign-out').catch(() => undefined);
      forget();
    },
    async checkAuth() {
      const session = await load().catch(() => null);
      if (!session || session.user.kind !== kind) {
        forget();
        throw new Error('not signed in');
      }
    },
    async checkError(error: { status?: number }) {
      if (error?.status === 401) {
        forget();
        throw new Error('session ended');
      }
    },
    async getIdentity() {
      const { user } = await load();
      return { id: user.id, fullName: user.name };
    },
    // react-admin offers Delete on every edit page; it is offered only where the API can delete.
    ...(deletable
      ? {
          async canAccess({ action, resource }: { action: string; resource: string }) {
            return action !== 'delete' || deletable(resource);
          },
        }
      : {}),
    async getPermissions() {
      const { user } = await load().catch(() => ({ user: null }));
      return user?.role ?? (user ? 'customer' : null);
    },
  };
}

/** Whether a role may change billing data (accountant, admin) or manage users (admin). */
export const canEdit = (role: unknown) => role === 'accountant' || role === 'admin';
export const isAdmin = (role: unknown) => role === 'admin';
