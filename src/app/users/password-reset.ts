import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { hashPassword } from './password.ts';
import { normalizeEmail } from './secrets.ts';
import { issueLink, mailLink, spendLink, type AccountLink } from './user-links.ts';
import { contextOf } from './user-sessions.ts';

/**
 * "Forgot my password": emails a reset link to an active user. The answer is the same whether or
 * not the email has an account, so the form cannot be used to find out who has one.
 */
export async function requestPasswordReset(deps: Deps, email: string): Promise<void> {
  const issued = await deps.uow.run(async (session) => {
    const found = await session.users.credentialsByEmail(normalizeEmail(email));
    if (!found || found.user.status !== 'active') return null;
    return { user: found.user, link: await issueLink(session, deps, found.user, 'password_reset') };
  });
  if (issued) await mailLink(deps, issued.user, 'password_reset', issued.link);
}

/** An admin hands a reset link to a user by hand (before the tenant can email, or on request). */
export async function createPasswordResetLink(deps: Deps, ctx: CallContext, userId: string): Promise<AccountLink> {
  const issued = await deps.uow.run(async (session) => {
    const user = await session.users.getUser(ctx.tenantId, userId);
    if (!user || user.status !== 'active') throw notFound('User', userId);
    const link = await issueLink(session, deps, user, 'password_reset');
    await recordChange(session, ctx, deps.clock, {
      objectType: 'user',
      objectId: user.id,
      action: 'reset_link_created',
    });
    return { user, link };
  });
  const emailed = await mailLink(deps, issued.user, 'password_reset', issued.link);
  return { ...issued.link, emailed };
}

/** Sets a new password from a reset link, unlocks the account and ends every session it had. */
export async function resetPassword(deps: Deps, input: { token: string; password: string }): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await deps.uow.run(async (session) => {
    const user = await spendLink(session, deps, input.token, 'password_reset');
    await session.users.updateUser(user.tenantId, user.id, { passwordHash });
    await session.users.recordSignIn(user.id, { failedSignIns: 0, lockedUntil: null });
    const ended = await session.users.deleteSessionsOf(user.id);
    await recordChange(session, contextOf(user), deps.clock, {
      objectType: 'user',
      objectId: user.id,
      action: 'password_reset',
      after: { sessionsEnded: ended },
    });
  });
}
