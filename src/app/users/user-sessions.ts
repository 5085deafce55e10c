import { Temporal } from 'temporal-polyfill';
import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { User } from '../ports/users.ts';
import { unauthorized } from '../errors.ts';
import { newId } from '../ids.ts';
import { hashSecret, newSecret } from './secrets.ts';

/** How long a browser stays signed in; signing in again starts a new session. */
export const SESSION_HOURS = 12;

export interface OpenedSession {
  /** The cookie's secret: shown to the browser once, stored only hashed. */
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: User;
}

export async function openSession(session: Session, deps: Deps, user: User): Promise<OpenedSession> {
  const secret = newSecret();
  const csrfToken = newSecret().token;
  const now = deps.clock.now();
  const expiresAt = now.add({ hours: SESSION_HOURS }).toString();
  await session.users.insertSession(secret.hash, {
    id: newId('ses'),
    userId: user.id,
    tenantId: user.tenantId,
    csrfToken,
    createdAt: now.toString(),
    expiresAt,
  });
  return { token: secret.token, csrfToken, expiresAt, user };
}

/** The caller a session cookie stands for: staff with their role, customer users bound to their customer. */
export function contextOf(user: User): CallContext {
  return {
    tenantId: user.tenantId,
    actor: { type: 'user', id: user.id },
    role: user.role ?? 'viewer',
    ...(user.kind === 'customer' && user.customerId ? { customerId: user.customerId } : {}),
  };
}

/** Resolves a session cookie; unknown, expired and disabled users' sessions are refused alike. */
export async function authenticateSession(
  deps: Deps,
  token: string,
): Promise<{ ctx: CallContext; user: User; csrfToken: string; expiresAt: string }> {
  const found = await deps.uow.run((session) => session.users.findSession(hashSecret(token)));
  const now = deps.clock.now();
  if (
    !found ||
    found.user.status !== 'active' ||
    Temporal.Instant.compare(Temporal.Instant.from(found.session.expiresAt), now) <= 0
  )
    throw unauthorized('SESSION_EXPIRED', 'The session has ended; sign in again');
  return {
    ctx: contextOf(found.user),
    user: found.user,
    csrfToken: found.session.csrfToken,
    expiresAt: found.session.expiresAt,
  };
}

export async function signOut(deps: Deps, token: string): Promise<void> {
  await deps.uow.run((session) => session.users.deleteSession(hashSecret(token)));
}

/** Ends every session of the caller's user, on every browser (this one included). */
export async function signOutEverywhere(deps: Deps, ctx: CallContext): Promise<number> {
  return deps.uow.run((session) => session.users.deleteSessionsOf(ctx.actor.id));
}
