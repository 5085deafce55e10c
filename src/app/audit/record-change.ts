import type { CallContext, Clock } from '../context.ts';
import type { Session } from '../ports/session.ts';
import { newId } from '../ids.ts';

type Change = { objectType: string; objectId: string; action: string; before?: unknown; after?: unknown };

function auditEvent(ctx: Pick<CallContext, 'tenantId' | 'actor'>, clock: Clock, change: Change) {
  return {
    id: newId('aud'),
    tenantId: ctx.tenantId,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    at: clock.now().toString(),
    objectType: change.objectType,
    objectId: change.objectId,
    action: change.action,
    before: change.before ?? null,
    after: change.after ?? null,
  };
}

/**
 * Appends one audit event in the caller's transaction: the change and its record commit together.
 * `before`/`after` are the object as the API shows it, so a reader sees what a caller saw.
 */
export async function recordChange(
  session: Session,
  ctx: Pick<CallContext, 'tenantId' | 'actor'>,
  clock: Clock,
  change: Change,
): Promise<void> {
  await session.audit.append(auditEvent(ctx, clock, change));
}

/** `recordChange` for many changes of one transaction, appended with multi-row inserts in the given order. */
export async function recordChanges(
  session: Session,
  ctx: Pick<CallContext, 'tenantId' | 'actor'>,
  clock: Clock,
  changes: readonly Change[],
): Promise<void> {
  if (!changes.length) return;
  await session.audit.appendMany(changes.map((change) => auditEvent(ctx, clock, change)));
}
