import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { checkPeriod, productView, toPriceModel, type ProductFields, type ProductView } from './product-fields.ts';

/** What a caller must give; unit, currency, names and the rest default. */
export type ProductCreate = Partial<ProductFields> & Pick<ProductFields, 'code' | 'name' | 'kind' | 'priceModel'>;

export async function assertCodeFree(session: Session, tenantId: string, code: string, selfId?: string) {
  const other = await session.products.findByCode(tenantId, code);
  if (other && other.id !== selfId)
    throw conflict('PRODUCT_CODE_TAKEN', `product code ${code} already belongs to product ${other.id}`, {
      field: 'code',
    });
}

export async function createProduct(deps: Deps, ctx: CallContext, create: ProductCreate): Promise<ProductView> {
  const period = create.period ?? null;
  const { model, errors } = toPriceModel(create);
  errors.push(...checkPeriod(create.kind, period));
  if (errors.length || !model) throw invalid(errors);
  return deps.uow.run(async (session) => {
    const tenant = await session.tenancy.getTenant(ctx.tenantId);
    if (!tenant) throw notFound('Tenant', ctx.tenantId);
    await assertCodeFree(session, ctx.tenantId, create.code);
    const record = await session.products.insert(ctx.tenantId, newId('prd'), {
      code: create.code,
      name: create.name,
      names: create.names ?? {},
      unit: create.unit ?? (create.kind === 'recurring' ? 'month' : 'unit'),
      currency: create.currency ?? tenant.currency,
      kind: create.kind,
      period,
      taxRate: create.taxRate ?? null,
      allocationPriority: create.allocationPriority ?? 0,
      priceModel: model,
      allowOverlap: create.allowOverlap ?? false,
    });
    const view = productView(record);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'product',
      objectId: record.id,
      action: 'created',
      after: view,
    });
    return view;
  });
}
