import { Temporal } from 'temporal-polyfill';
import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentOut } from '../documents/present.ts';
import { presentDocument } from '../documents/present.ts';
import { invalid, refusedField } from '../errors.ts';
import { periodToUtcRange, todayInZone } from '../../core/time/zones.ts';
import { formatAmount } from '../../core/money/currency.ts';

export const ACCOUNTING_FORMATS = ['commerceml', 'csv'] as const;
export type AccountingFormat = (typeof ACCOUNTING_FORMATS)[number];

/** A payment as accounting sees it; an unmatched payment has no customer yet. */
export interface AccountingPayment {
  id: string;
  customerId: string | null;
  customerName: string;
  amount: string;
  currency: string;
  receivedAt: string;
  /** The local day it was received on, in the tenant's time zone: the date accounting posts. */
  receivedOn: string;
  externalId: string | null;
}

/** What one accounting export carries: the documents issued in the period, and its payments. */
export interface AccountingBatch {
  tenantName: string;
  from: string;
  to: string;
  documents: DocumentOut[];
  payments: AccountingPayment[];
}

/** Where the period's payments come from (a seam so that the batch can be built without them). */
export type PaymentsOfPeriod = (ctx: CallContext, from: string, to: string) => Promise<AccountingPayment[]>;

/**
 * The payments received on the local days from..to of the tenant's time zone, oldest first.
 * Reversed payments are left out: the money never stayed, so accounting has nothing to post.
 */
export const paymentsOfPeriod =
  (deps: Deps): PaymentsOfPeriod =>
  (ctx, from, to) =>
    deps.uow.run(async (s) => {
      const zone = (await s.tenancy.getTenant(ctx.tenantId))?.timezone ?? 'UTC';
      const range = periodToUtcRange(from, to, zone);
      const end = range.toExclusive.toString();
      const names = new Map<string, string>();
      const out: AccountingPayment[] = [];
      let after: string | undefined;
      do {
        const page = await s.payments.listPayments(
          ctx.tenantId,
          { receivedFrom: range.fromInclusive.toString(), receivedTo: end },
          { limit: 500, after },
        );
        const reversed = new Set(
          (
            await s.payments.reversalsOf(
              ctx.tenantId,
              page.data.map((p) => p.id),
            )
          ).map((r) => r.paymentId),
        );
        for (const p of page.data) {
          // The filter's upper bound is inclusive; the period's is the start of the next day.
          if (
            reversed.has(p.id) ||
            Temporal.Instant.compare(Temporal.Instant.from(p.receivedAt), range.toExclusive) >= 0
          )
            continue;
          if (p.customerId && !names.has(p.customerId))
            names.set(p.customerId, (await s.customers.get(ctx.tenantId, p.customerId))?.name ?? '');
          out.push({
            id: p.id,
            customerId: p.customerId,
            customerName: p.customerId ? (names.get(p.customerId) ?? '') : '',
            amount: formatAmount(p.amount, p.currency),
            currency: p.currency,
            receivedAt: p.receivedAt,
            receivedOn: todayInZone(Temporal.Instant.from(p.receivedAt), zone),
            externalId: p.externalId,
          });
        }
        after = page.next ?? undefined;
      } while (after);
      return out.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    });

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/**
 * The documents issued in [from, to] (issue dates, inclusive; cancelled ones included with their
 * status, so that accounting can reverse them) with their lines, and the period's payments. An
 * unsupported format is refused before anything is read.
 */
export async function accountingBatch(
  deps: Deps,
  ctx: CallContext,
  query: { from: string; to: string; format: string },
  payments: PaymentsOfPeriod = paymentsOfPeriod(deps),
  progress: (step: { documents: number; payments?: number }) => void = () => {},
): Promise<{ format: AccountingFormat; batch: AccountingBatch }> {
  if (!(ACCOUNTING_FORMATS as readonly string[]).includes(query.format))
    throw refusedField(
      'UNSUPPORTED_FORMAT',
      'format',
      `accounting format ${query.format} is not supported; use ${ACCOUNTING_FORMATS.join(' or ')}`,
      `one of ${ACCOUNTING_FORMATS.join(', ')}`,
    );
  const errors = [
    ...(isDate(query.from) ? [] : [{ field: 'from', code: 'INVALID_DATE', message: 'a date YYYY-MM-DD' }]),
    ...(isDate(query.to) ? [] : [{ field: 'to', code: 'INVALID_DATE', message: 'a date YYYY-MM-DD' }]),
  ];
  if (errors.length === 0 && query.from > query.to)
    errors.push({ field: 'to', code: 'INVALID_PERIOD', message: 'must be on or after from' });
  if (errors.length > 0) throw invalid(errors);
  const documents: DocumentOut[] = [];
  const tenantName = await deps.uow.run(async (s) => {
    let after: string | undefined;
    do {
      const page = await s.documents.listDocuments(
        ctx.tenantId,
        { issueDateFrom: query.from, issueDateTo: query.to },
        { limit: 500, after },
      );
      for (const d of page.data) {
        if (d.status === 'draft') continue;
        documents.push(presentDocument(d, await s.documentLines.lines(ctx.tenantId, d.id)));
      }
      after = page.next ?? undefined;
      progress({ documents: documents.length });
    } while (after);
    return (await s.tenancy.getTenant(ctx.tenantId))?.name ?? '';
  });
  const received = await payments(ctx, query.from, query.to);
  progress({ documents: documents.length, payments: received.length });
  return {
    format: query.format as AccountingFormat,
    batch: { tenantName, from: query.from, to: query.to, documents, payments: received },
  };
}
