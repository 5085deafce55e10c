import type { Deps } from '../deps.ts';
import type { CallContext, Role } from '../context.ts';
import type { User } from '../ports/users.ts';
import { conflict, unknownReference } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { normalizeEmail } from './secrets.ts';
import { issueLink, mailLink, type AccountLink } from './user-links.ts';
import { hashPassword } from './password.ts';
import { contextOf, openSession, type OpenedSession } from './user-sessions.ts';
import { spendLink } from './user-links.ts';

export type Invitee = { email: string; name: string } & (
  { kind: 'staff'; role: Role } | { kind: 'customer'; customerId: string }
);

/**
 * Invites a person: the user exists as `invited` until they open the link and choose a password.
 * The link comes back to the inviting admin (to pass on by hand) and is emailed when the tenant can
 * send email. An email names one user in the whole installation (409 EMAIL_TAKEN).
 */
export async function inviteUser(
  deps: Deps,
  ctx: CallContext,
  input: Invitee,
): Promise<{ user: User; invitation: AccountLink }> {
  const created = await deps.uow.run(async (session) => {
    const email = normalizeEmail(input.email);
    if (input.kind === 'customer' && !(await session.customers.get(ctx.tenantId, input.customerId)))
      throw unknownReference('UNKNOWN_CUSTOMER', 'customerId', 'customer', input.customerId);
    if (await session.users.emailTaken(email))
      throw conflict('EMAIL_TAKEN', `A user with the email ${email} already exists`);
    const user = await session.users.insertUser({
      id: newId('usr'),
      tenantId: ctx.tenantId,
      kind: input.kind,
      customerId: input.kind === 'customer' ? input.customerId : null,
      email,
      name: input.name,
      role: input.kind === 'staff' ? input.role : null,
      status: 'invited',
    });
    const link = await issueLink(session, deps, user, 'invitation');
    await recordChange(session, ctx, deps.clock, {
      objectType: 'user',
      objectId: user.id,
      action: 'invited',
      after: user,
    });
    return { user, link };
  });
  const emailed = await mailLink(deps, created.user, 'invitation', created.link);
  return { user: created.user, invitation: { ...created.link, emailed } };
}

/** The invited person chooses a password and is signed in. */
export async function acceptInvitation(
  deps: Deps,
  input: { token: string; password: string; name?: string | undefined },
): Promise<OpenedSession> {
  const passwordHash = await hashPassword(input.password);
  return deps.uow.run(async (session) => {
    const invited = await spendLink(session, deps, input.token, 'invitation');
    const user = (await session.users.updateUser(invited.tenantId, invited.id, {
      status: 'active',
      passwordHash,
      ...(input.name ? { name: input.name } : {}),
    }))!;
    await recordChange(session, contextOf(user), deps.clock, {
      objectType: 'user',
      objectId: user.id,
      action: 'activated',
      before: invited,
      after: user,
    });
    return openSession(session, deps, user);
  });
}

/**
 * Creates a user who can sign in at once with the given password: for the demo and for the command
 * line (the way in before any admin user exists). Everyone else is invited.
 */
export async function createActiveUser(deps: Deps, ctx: CallContext, input: Invitee, password: string): Promise<User> {
  const passwordHash = await hashPassword(password);
  return deps.uow.run(async (session) => {
    const email = normalizeEmail(input.email);
    if (await session.users.emailTaken(email))
      throw conflict('EMAIL_TAKEN', `A user with the email ${email} already exists`);
    const user = await session.users.insertUser({
      id: newId('usr'),
      tenantId: ctx.tenantId,
      kind: input.kind,
      customerId: input.kind === 'customer' ? input.customerId : null,
      email,
      name: input.name,
      role: input.kind === 'staff' ? input.role : null,
      status: 'invited',
    });
    const active = (await session.users.updateUser(ctx.tenantId, user.id, { status: 'active', passwordHash }))!;
    await recordChange(session, ctx, deps.clock, {
      objectType: 'user',
      objectId: user.id,
      action: 'created',
      after: active,
    });
    return active;
  });
}
