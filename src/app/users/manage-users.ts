import type { Deps } from '../deps.ts';
import type { CallContext, Role } from '../context.ts';
import type { User, UserStatus } from '../ports/users.ts';
import { notFound, refusedField } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';

export function listUsers(deps: Deps, ctx: CallContext, filter: { customerId?: string | undefined } = {}) {
  return deps.uow.run((session) =>
    session.users.listUsers(ctx.tenantId, filter.customerId ? { customerId: filter.customerId } : {}),
  );
}

export async function getUser(deps: Deps, ctx: CallContext, id: string): Promise<User> {
  const user = await deps.uow.run((session) => session.users.getUser(ctx.tenantId, id));
  if (!user) throw notFound('User', id);
  return user;
}

/**
 * Changes a user's name, role (staff only) or status. Disabling ends every session at once; a
 * disabled user cannot sign in, and an admin cannot disable or demote themselves (someone else must).
 */
export async function updateUser(
  deps: Deps,
  ctx: CallContext,
  id: string,
  patch: { name?: string | undefined; role?: Role | undefined; status?: Exclude<UserStatus, 'invited'> | undefined },
): Promise<User> {
  return deps.uow.run(async (session) => {
    const before = await session.users.getUser(ctx.tenantId, id);
    if (!before) throw notFound('User', id);
    if (patch.role && before.kind === 'customer')
      throw refusedField('ROLE_NOT_APPLICABLE', 'role', 'Customer users have no role', 'only staff have a role');
    if (ctx.actor.id === id && (patch.status === 'disabled' || (patch.role && patch.role !== before.role)))
      throw refusedField('SELF_CHANGE', 'status', 'You cannot disable or demote yourself', 'ask another admin');
    if (patch.status === 'active' && before.status === 'invited')
      throw refusedField('NOT_ACCEPTED', 'status', 'The user has not accepted the invitation yet', 'still invited');
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const after = (await session.users.updateUser(ctx.tenantId, id, changes))!;
    if (after.status === 'disabled' || (patch.role && patch.role !== before.role))
      await session.users.deleteSessionsOf(id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'user',
      objectId: id,
      action: 'updated',
      before,
      after,
    });
    return after;
  });
}

/** An admin ends every session of a user (a lost laptop). */
export async function endSessionsOf(deps: Deps, ctx: CallContext, id: string): Promise<number> {
  return deps.uow.run(async (session) => {
    if (!(await session.users.getUser(ctx.tenantId, id))) throw notFound('User', id);
    const ended = await session.users.deleteSessionsOf(id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'user',
      objectId: id,
      action: 'sessions_ended',
      after: { sessionsEnded: ended },
    });
    return ended;
  });
}
