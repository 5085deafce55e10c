import type { Session } from '../ports/session.ts';
import type { InvoicingScheme } from '../ports/schemes.ts';
import type { DocumentPolicy } from '../../core/documents/policy.ts';
import { unknownReference } from '../errors.ts';
import { schemeCandidates } from '../catalog/resolve-invoicing-scheme.ts';
import { resolveScheme } from '../../core/catalog/index.ts';

/**
 * The invoicing scheme a new document of the customer is made with, the most specific level
 * winning: the subscription's, the customer contract's, its basic contract's, the customer's, the
 * tenant default. Without a contract in the request, the customer's only active contract counts.
 */
export async function documentScheme(
  s: Session,
  tenantId: string,
  customerId: string,
  contractId: string | undefined,
  subscriptionId: string | undefined,
): Promise<InvoicingScheme | null> {
  let subscriptionScheme: string | null = null;
  let contract = contractId ?? null;
  if (subscriptionId) {
    const sub = await s.subscriptions.get(tenantId, subscriptionId);
    if (!sub || sub.customerId !== customerId)
      throw unknownReference('UNKNOWN_SUBSCRIPTION', 'subscriptionId', 'subscription', subscriptionId, 'NOT_FOUND');
    subscriptionScheme = sub.invoicingSchemeId;
    contract ??= sub.contractId;
  }
  if (contractId) {
    const found = await s.contracts.get(tenantId, contractId);
    if (!found || found.customerId !== customerId)
      throw unknownReference('UNKNOWN_CONTRACT', 'contractId', 'contract', contractId, 'NOT_FOUND');
  } else if (!contract) {
    const active = (await s.contracts.list(tenantId, { kind: 'customer', customerId, status: 'active' }, { limit: 2 }))
      .data;
    if (active.length === 1) contract = active[0]!.id;
  }
  const found = await schemeCandidates(s, tenantId, customerId, contract, subscriptionScheme);
  const resolved = found ? resolveScheme(found.candidates) : null;
  return resolved ? s.schemes.get(tenantId, resolved.schemeId) : null;
}

/** The scheme's sequence for the type's sequence kind; null when the scheme names none. */
export function schemeSequenceId(scheme: InvoicingScheme | null, kind: DocumentPolicy['sequenceKind']): string | null {
  if (!scheme) return null;
  switch (kind) {
    case 'invoice':
      return scheme.invoiceNumberSequenceId;
    case 'proforma':
      return scheme.proformaNumberSequenceId;
    case 'act':
      return scheme.actNumberSequenceId;
    case 'vat_invoice':
      return scheme.vatInvoiceNumberSequenceId;
    default:
      return null;
  }
}
