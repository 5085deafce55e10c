import type { Session } from '../ports/session.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import type { Charge } from '../ports/charges.ts';
import type { InstantRange } from '../ports/usage-claims.ts';
import type { ChargeItem, ChargeKind, DocumentInput } from '../../core/invoice/types.ts';
import { policyOf, type DocumentPolicy } from '../../core/documents/policy.ts';
import { chargeSelection } from '../../core/documents/references.ts';
import { periodRange } from './invoice-rules.ts';

/** The part of a document (stored or not yet) a snapshot is taken for. */
export type SnapshotSubject = Pick<
  DocumentRecord,
  'id' | 'tenantId' | 'type' | 'customerId' | 'currency' | 'periodStart' | 'periodEnd' | 'timezone' | 'taxRate'
> &
  Pick<DocumentRecord, 'callDiscountPercent' | 'invoicingSchemeId'> &
  Partial<Pick<DocumentRecord, 'convertedFromDocumentId'>>;

/**
 * Everything `computeDocument` needs, read in one transaction, plus what the commit must claim so
 * that the stored document bills exactly what was computed.
 */
export interface DocumentSnapshot {
  policy: DocumentPolicy;
  input: DocumentInput;
  claims: {
    /** The usage range the commit attaches, and how many calls the snapshot saw in it. */
    usageRange: InstantRange | null;
    usageCalls: number;
    chargeIds: string[];
  };
  /** The draft's fixed-cost line ids, in the order of `input.fixedCosts` (they key the lines). */
  fixedCostLineIds: string[];
}

const LINE_KIND: Record<Charge['productKind'], ChargeKind> = {
  recurring: 'subscription',
  one_off: 'one_off',
  usage: 'usage_product',
};

const KIND_ORDER: Record<ChargeKind, number> = { subscription: 0, one_off: 1, usage_product: 2 };

/** Subscriptions, then one-off sales, then usage products; each by service period, then id. */
function byLineOrder(a: ChargeItem, b: ChargeItem): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.servicePeriod?.start ?? '').localeCompare(b.servicePeriod?.start ?? '') ||
    a.chargeId.localeCompare(b.chargeId)
  );
}

/** A charge as the pure computation sees it; its description was pre-filled from the catalog. */
export function chargeItem(c: Charge): ChargeItem {
  return {
    chargeId: c.id,
    kind: LINE_KIND[c.productKind],
    description: c.description,
    quantity: c.quantity,
    unitPrice: c.unitPrice,
    amount: c.amount,
    taxRate: c.taxRate,
    ...(c.servicePeriodStart && c.servicePeriodEnd
      ? { servicePeriod: { start: c.servicePeriodStart, end: c.servicePeriodEnd } }
      : {}),
  };
}

/**
 * Reads what a document of `subject` would bill now: the period's free usage and free charges
 * (when its type's policy claims them) and the draft's fixed costs. A generated draft must first
 * release what it holds, so that the snapshot sees it as free again. `pending` are charges not
 * stored yet (the dry run's due scheduled charges): billed like free ones, never committed.
 */
export async function takeSnapshot(
  s: Session,
  subject: SnapshotSubject,
  pending: readonly Charge[] = [],
): Promise<DocumentSnapshot> {
  const policy = policyOf(subject);
  const tenant = await s.tenancy.getTenant(subject.tenantId);
  const range = periodRange(subject.periodStart, subject.periodEnd, subject.timezone);
  const usage = policy.claimsUsage
    ? await s.usageClaims.freeUsageGroups(subject.tenantId, subject.customerId, range)
    : [];
  // Which charges the type bills: an invoice by billing date; a proforma, ahead of its period, the
  // scheduled charges of that period (and unscheduled ones when its scheme says so), unclaimed.
  const scheme =
    subject.type === 'proforma' && subject.invoicingSchemeId
      ? await s.schemes.get(subject.tenantId, subject.invoicingSchemeId)
      : null;
  const selection = chargeSelection(subject.type, scheme?.proformaIncludesUnscheduled ?? false);
  // A charge in another currency waits for a document in that currency.
  const charges = subject.convertedFromDocumentId
    ? await proformaCharges(s, subject)
    : selection
      ? [
          ...(await s.charges.free(
            subject.tenantId,
            subject.customerId,
            { start: subject.periodStart, end: subject.periodEnd },
            selection.basis === 'billing' ? undefined : { kinds: selection.kinds, basis: selection.basis },
          )),
          ...pending,
        ].filter((c) => c.currency === subject.currency)
      : [];
  const fixed = await s.documentLines.fixedCostLines(subject.tenantId, subject.id);
  return {
    policy,
    input: {
      currency: subject.currency,
      usage,
      charges: charges.map(chargeItem).sort(byLineOrder),
      fixedCosts: fixed.map((f) => ({
        fixedCostId: f.fixedCostId,
        description: f.description ? `${f.name} — ${f.description}` : f.name,
        quantity: f.quantity,
        unitPrice: f.unitPrice,
      })),
      callDiscountPercent: subject.callDiscountPercent,
      taxRate: subject.taxRate,
      discountsUsage: policy.discountsUsage,
      rounding: tenant?.settings.roundingMode ?? 'half_up',
    },
    claims: {
      usageRange: policy.claimsUsage ? range : null,
      usageCalls: usage.reduce((n, g) => n + g.calls, 0),
      chargeIds: policy.claimsCharges ? charges.map((c) => c.id).sort() : [],
    },
    fixedCostLineIds: fixed.map((f) => f.id),
  };
}

/**
 * An invoice converted from a proforma takes over the proforma's charges (the proforma claimed
 * none): those of its lines that are still on no document, in the invoice's currency.
 */
async function proformaCharges(s: Session, subject: SnapshotSubject): Promise<Charge[]> {
  const lines = await s.documentLines.lines(subject.tenantId, subject.convertedFromDocumentId!);
  const ids = [...new Set(lines.map((l) => l.chargeId).filter((id): id is string => id !== null))];
  const charges = await Promise.all(ids.map((id) => s.charges.get(subject.tenantId, id)));
  return charges.filter((c): c is Charge => c !== null && c.documentId === null && c.currency === subject.currency);
}
