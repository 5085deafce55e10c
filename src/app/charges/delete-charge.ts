import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';

/**
 * Deletes an unscheduled charge that is on no document. Scheduled charges stay (they record what a
 * subscription owed: correct them with an adjustment), and so do billed ones.
 */
export async function deleteCharge(deps: Deps, ctx: CallContext, id: string): Promise<void> {
  await deps.uow.run(async (session) => {
    const before = await session.charges.get(ctx.tenantId, id);
    if (!before) throw notFound('Charge', id);
    if (before.kind === 'scheduled')
      throw conflict('CHARGE_SCHEDULED', `charge ${id} was produced from subscription ${before.subscriptionId}`);
    if (before.documentId || !(await session.charges.deleteUnbilled(ctx.tenantId, id)))
      throw conflict('CHARGE_BILLED', `charge ${id} is on document ${before.documentId}`, {
        documentId: before.documentId,
      });
    await recordChange(session, ctx, deps.clock, { objectType: 'charge', objectId: id, action: 'deleted', before });
  });
}
