import type { Session } from '../ports/session.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import type { Charge, FreeChargeOptions } from '../ports/charges.ts';
import type { DatePeriod } from '../../core/time/periods.ts';
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
  Partial<Pick<DocumentRecord, 'convertedFromDocumentId'>> & {
    /**
     * The days whose usage the snapshot reads, when not the period's: an open invoice bills usage
     * up to its usage cutoff and charges up to its bill date. Null: no usage at all.
     */
    usagePeriod?: DatePeriod | null;
  };

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
    /**
     * The usage bound the usage was read under, the tenant's claim lock held since (null: no usage
     * range, or a snapshot not taken to be claimed).
     */
    usageBound: string | null;
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

/** What a snapshot is for. */
export interface SnapshotOptions {
  /**
   * False for a snapshot that is never committed (a preview): it takes no usage lock. Otherwise the
   * tenant's claim lock is taken before the usage is read and held until the transaction ends, so
   * the commit claims exactly what was read.
   */
  claim?: boolean;
}

/**
 * Reads what a document of `subject` would bill now: the period's free usage and free charges
 * (when its type's policy claims them) and the draft's fixed costs. A generated draft must first
 * release what it holds, so that the snapshot sees it as free again. `pending` are charges not
 * stored yet (the dry run's due scheduled charges): billed like free ones, never committed. A
 * snapshot of one document is `takeSnapshots` of one: the single document and a generation
 * session read the same way.
 */
export async function takeSnapshot(
  s: Session,
  subject: SnapshotSubject,
  pending: readonly Charge[] = [],
  options: SnapshotOptions = {},
): Promise<DocumentSnapshot> {
  return (await takeSnapshots(s, [subject], [pending], options))[0]!;
}

/**
 * The snapshots of many documents of one tenant, set-based: one aggregate over the free usage of
 * all of them, one query for the free charges of each group of documents sharing a period and a
 * charge selection (all of a session's), one for the drafts' fixed costs.
 */
export async function takeSnapshots(
  s: Session,
  subjects: readonly SnapshotSubject[],
  pending: ReadonlyArray<readonly Charge[]> = [],
  { claim = true }: SnapshotOptions = {},
): Promise<DocumentSnapshot[]> {
  if (subjects.length === 0) return [];
  const tenantId = subjects[0]!.tenantId;
  if (subjects.some((x) => x.tenantId !== tenantId)) throw new Error('snapshots are taken per tenant');
  const tenant = await s.tenancy.getTenant(tenantId);
  const policies = subjects.map((x) => policyOf(x));
  // A chunk's documents share their period and mostly their zone: each range is worked out once.
  const known = new Map<string, InstantRange>();
  const ranges = subjects.map((x) => {
    const days = x.usagePeriod === undefined ? { start: x.periodStart, end: x.periodEnd } : x.usagePeriod;
    if (!days || days.start > days.end) return null;
    const key = `${days.start}/${days.end}/${x.timezone}`;
    if (!known.has(key)) known.set(key, periodRange(days.start, days.end, x.timezone));
    return known.get(key)!;
  });
  const usageSubjects = subjects.flatMap((x, key) =>
    policies[key]!.claimsUsage && ranges[key] ? [{ key, customerId: x.customerId, range: ranges[key] }] : [],
  );
  // From here to the commit's claim, nothing ingests, claims, frees or changes the tenant's usage
  // (ADR 0016): the claim covers what this read, and a re-rate meanwhile waits and then sees the draft.
  const bound = claim && usageSubjects.length ? await s.usageClaims.usageBound(tenantId) : undefined;
  const usage = await s.usageClaims.freeUsageGroupsOf(tenantId, usageSubjects, bound);
  const charges = await freeChargesOf(s, subjects, pending);
  const fixed = await s.documentLines.fixedCostLinesOf(
    tenantId,
    subjects.map((x) => x.id),
  );
  return subjects.map((subject, i) => {
    const policy = policies[i]!;
    const groups = usage.get(i) ?? [];
    const own = charges[i]!;
    const fixedLines = fixed.get(subject.id) ?? [];
    return {
      policy,
      input: {
        currency: subject.currency,
        usage: groups,
        charges: own.map(chargeItem).sort(byLineOrder),
        fixedCosts: fixedLines.map((f) => ({
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
        usageRange: policy.claimsUsage ? (ranges[i] ?? null) : null,
        usageCalls: groups.reduce((n, g) => n + g.calls, 0),
        usageBound: policy.claimsUsage && ranges[i] ? (bound ?? null) : null,
        chargeIds: policy.claimsCharges ? own.map((c) => c.id).sort() : [],
      },
      fixedCostLineIds: fixedLines.map((f) => f.id),
    };
  });
}

/**
 * Which charges each document bills: an invoice by billing date; a proforma, ahead of its period,
 * the scheduled charges of that period (and unscheduled ones when its scheme says so), unclaimed.
 * A charge in another currency waits for a document in that currency.
 */
async function freeChargesOf(
  s: Session,
  subjects: readonly SnapshotSubject[],
  pending: ReadonlyArray<readonly Charge[]>,
): Promise<Charge[][]> {
  const out: Charge[][] = subjects.map(() => []);
  const groups = new Map<string, { period: DatePeriod; options: FreeChargeOptions | undefined; at: number[] }>();
  // Invoices (by billing date) of every period at once: a bill run's windows differ per account.
  const byBilling: number[] = [];
  for (const [i, subject] of subjects.entries()) {
    if (subject.convertedFromDocumentId) {
      out[i] = await proformaCharges(s, subject);
      continue;
    }
    const scheme =
      subject.type === 'proforma' && subject.invoicingSchemeId
        ? await s.schemes.get(subject.tenantId, subject.invoicingSchemeId)
        : null;
    const selection = chargeSelection(subject.type, scheme?.proformaIncludesUnscheduled ?? false);
    if (!selection) continue;
    const options = selection.basis === 'billing' ? undefined : { kinds: selection.kinds, basis: selection.basis };
    if (!options) {
      byBilling.push(i);
      continue;
    }
    const key = JSON.stringify([subject.periodStart, subject.periodEnd, options ?? null]);
    const group = groups.get(key) ?? {
      period: { start: subject.periodStart, end: subject.periodEnd },
      options,
      at: [] as number[],
    };
    group.at.push(i);
    groups.set(key, group);
  }
  const billed = await s.charges.freeInPeriodsOf(
    subjects[0]!.tenantId,
    byBilling.map((i) => ({
      customerId: subjects[i]!.customerId,
      period: { start: subjects[i]!.periodStart, end: subjects[i]!.periodEnd },
    })),
  );
  for (const [k, i] of byBilling.entries()) {
    const subject = subjects[i]!;
    out[i] = [...billed[k]!, ...(pending[i] ?? [])].filter((c) => c.currency === subject.currency);
  }
  for (const group of groups.values()) {
    const customerIds = [...new Set(group.at.map((i) => subjects[i]!.customerId))];
    const found = await s.charges.freeOf(subjects[0]!.tenantId, customerIds, group.period, group.options);
    for (const i of group.at) {
      const subject = subjects[i]!;
      out[i] = [...(found.get(subject.customerId) ?? []), ...(pending[i] ?? [])].filter(
        (c) => c.currency === subject.currency,
      );
    }
  }
  return out;
}

/**
 * An invoice converted from a proforma takes over the proforma's charges (the proforma claimed
 * none): those of its lines that are still on no document, in the invoice's currency.
 */
async function proformaCharges(s: Session, subject: SnapshotSubject): Promise<Charge[]> {
  const lines = await s.documentLines.lines(subject.tenantId, subject.convertedFromDocumentId!);
  const ids = [...new Set(lines.map((l) => l.chargeId).filter((id): id is string => id !== null))];
  const charges: Array<Charge | null> = [];
  for (const id of ids) charges.push(await s.charges.get(subject.tenantId, id));
  return charges.filter((c): c is Charge => c !== null && c.documentId === null && c.currency === subject.currency);
}
