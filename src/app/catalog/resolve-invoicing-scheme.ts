import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { InvoicingScheme } from '../ports/schemes.ts';
import type { Subscription } from '../ports/subscriptions.ts';
import { notFound } from '../errors.ts';
import { resolveScheme, type SchemeCandidates, type SchemeLevel } from '../../core/catalog/index.ts';

export interface EffectiveScheme {
  customerId: string;
  contractId: string | null;
  /** null when neither the customer's levels nor the tenant set a scheme. */
  scheme: InvoicingScheme | null;
  /** The level the scheme was set at; the object there is `sourceId` (the tenant for its default). */
  source: SchemeLevel | null;
  sourceId: string | null;
}

/** The schemes set along customer → basic contract → customer contract (→ subscription), most specific last. */
export async function schemeCandidates(
  session: Session,
  tenantId: string,
  customerId: string,
  contractId: string | null,
  subscriptionSchemeId: string | null = null,
): Promise<{ candidates: SchemeCandidates; sources: Partial<Record<SchemeLevel, string>> } | null> {
  const customer = await session.customers.get(tenantId, customerId);
  if (!customer) return null;
  const fallback = await session.schemes.getDefault(tenantId);
  const candidates: SchemeCandidates = {
    customer: customer.invoicingSchemeId,
    tenant_default: fallback?.id ?? null,
  };
  const sources: Partial<Record<SchemeLevel, string>> = { customer: customer.id, tenant_default: tenantId };
  if (contractId) {
    const contract = await session.contracts.get(tenantId, contractId);
    if (!contract || contract.customerId !== customerId) throw notFound('Contract', contractId);
    const basic = contract.basicContractId ? await session.contracts.get(tenantId, contract.basicContractId) : null;
    candidates.customer_contract = contract.invoicingSchemeId;
    candidates.basic_contract = basic?.invoicingSchemeId ?? null;
    sources.customer_contract = contract.id;
    if (basic) sources.basic_contract = basic.id;
  }
  candidates.subscription = subscriptionSchemeId;
  return { candidates, sources };
}

/**
 * The scheme documents for a customer (under one of its contracts, when given) are made with, and
 * the level it came from. Without a contract, the contract levels are not consulted.
 */
export async function resolveInvoicingScheme(
  deps: Deps,
  ctx: CallContext,
  customerId: string,
  contractId: string | null,
): Promise<EffectiveScheme> {
  return deps.uow.run((session) => effectiveScheme(session, ctx.tenantId, customerId, contractId, null));
}

/**
 * The effective scheme inside an open session; with a subscription, its own scheme is the most
 * specific level (the document pipeline calls this for the subscription a charge came from).
 */
export async function effectiveScheme(
  session: Session,
  tenantId: string,
  customerId: string,
  contractId: string | null,
  subscription: Pick<Subscription, 'id' | 'invoicingSchemeId'> | null,
): Promise<EffectiveScheme> {
  const found = await schemeCandidates(session, tenantId, customerId, contractId, subscription?.invoicingSchemeId);
  if (!found) throw notFound('Customer', customerId);
  if (subscription) found.sources.subscription = subscription.id;
  const resolved = resolveScheme(found.candidates);
  const scheme = resolved ? await session.schemes.get(tenantId, resolved.schemeId) : null;
  return {
    customerId,
    contractId,
    scheme,
    source: resolved?.level ?? null,
    sourceId: resolved ? (found.sources[resolved.level] ?? null) : null,
  };
}

/** The scheme a subscription's charges are billed under: its own, else its contract's, and so on. */
export async function resolveSubscriptionScheme(
  deps: Deps,
  ctx: CallContext,
  subscriptionId: string,
): Promise<EffectiveScheme & { subscriptionId: string }> {
  return deps.uow.run(async (session) => {
    const subscription = await session.subscriptions.get(ctx.tenantId, subscriptionId);
    if (!subscription) throw notFound('Subscription', subscriptionId);
    const effective = await effectiveScheme(
      session,
      ctx.tenantId,
      subscription.customerId,
      subscription.contractId,
      subscription,
    );
    return { ...effective, subscriptionId };
  });
}
