import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';

/** A scheme that customers, contracts or subscriptions name stays; so does the default while others exist. */
export async function deleteInvoicingScheme(deps: Deps, ctx: CallContext, id: string): Promise<void> {
  await deps.uow.run(async (session) => {
    const before = await session.schemes.get(ctx.tenantId, id);
    if (!before) throw notFound('Invoicing scheme', id);
    if (await session.schemes.isInUse(ctx.tenantId, id))
      throw conflict('SCHEME_IN_USE', `invoicing scheme ${id} is set on customers, contracts or subscriptions`);
    if (before.isDefault && (await session.schemes.list(ctx.tenantId, { limit: 2 })).data.length > 1)
      throw conflict('DEFAULT_SCHEME_REQUIRED', 'Mark another scheme as default before deleting this one');
    await session.schemes.delete(ctx.tenantId, id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'invoicing_scheme',
      objectId: id,
      action: 'deleted',
      before,
    });
  });
}
