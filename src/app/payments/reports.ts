import { CREDIT_NOTE_SOURCE } from '../../core/payments/index.ts';
import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { rateOn } from './rates.ts';
import { totalInViewingCurrency, PAYABLE_DOCUMENT_TYPES } from '../../core/payments/index.ts';
import { isCurrency, minorUnits, formatAmount } from '../../core/money/currency.ts';
import { Dec } from '../../core/money/decimal.ts';
import { daysBetween } from '../../core/time/dates.ts';
import { todayInZone } from '../../core/time/zones.ts';
import { Temporal } from 'temporal-polyfill';

/**
 * Issued invoices summed in a viewing currency: each converts to the base currency with the rate
 * frozen on it and on to the viewing currency at that currency's current rate; documents already
 * in the viewing currency count at face value; the sums are rounded once.
 */
export function documentTotals(deps: Deps, ctx: CallContext, currency: string) {
  if (!isCurrency(currency))
    throw invalid([
      { field: 'currency', code: 'INVALID_CURRENCY', message: `${currency} is not an ISO 4217 currency` },
    ]);
  return deps.uow.run(async (s) => {
    const tenant = await s.tenancy.getTenant(ctx.tenantId);
    if (!tenant) throw notFound('Tenant', ctx.tenantId);
    const today = todayInZone(deps.clock.now(), tenant.timezone);
    const currentRate = await rateOn(s, tenant, currency, today);
    const docs = await s.payments.issuedDocuments(ctx.tenantId, { types: [...PAYABLE_DOCUMENT_TYPES] });
    const frozen = async (d: (typeof docs)[number]) =>
      d.exchangeRate ?? (d.currency === tenant.currency ? '1' : await rateOn(s, tenant, d.currency, d.issueDate));
    const net = [];
    const total = [];
    for (const d of docs) {
      const frozenRate = await frozen(d);
      net.push({ amount: d.totalNet, currency: d.currency, frozenRate });
      total.push({ amount: d.total, currency: d.currency, frozenRate });
    }
    const viewing = { currency, currentRate, minorUnits: minorUnits(currency) };
    return {
      currency,
      baseCurrency: tenant.currency,
      rate: new Dec(currentRate).toString(),
      documents: docs.length,
      net: totalInViewingCurrency(net, viewing),
      total: totalInViewingCurrency(total, viewing),
    };
  });
}

const BUCKETS = [
  { name: '0-30', upTo: 30 },
  { name: '31-60', upTo: 60 },
  { name: '61-90', upTo: 90 },
  { name: '90+', upTo: Number.MAX_SAFE_INTEGER },
] as const;

/** Outstanding and overdue per customer and currency, with ageing buckets by days past due. */
export function receivablesReport(deps: Deps, ctx: CallContext) {
  return deps.uow.run(async (s) => {
    const tenant = await s.tenancy.getTenant(ctx.tenantId);
    if (!tenant) throw notFound('Tenant', ctx.tenantId);
    const today = todayInZone(deps.clock.now(), tenant.timezone);
    const docs = await s.payments.issuedDocuments(ctx.tenantId, { types: [...PAYABLE_DOCUMENT_TYPES] });
    type Row = { customerId: string; currency: string; outstanding: Dec; overdue: Dec; ageing: Dec[] };
    const rows = new Map<string, Row>();
    for (const d of docs) {
      const open = new Dec(d.total).minus(d.paid);
      if (open.lte(0)) continue;
      const key = `${d.customerId} ${d.currency}`;
      const row = rows.get(key) ?? {
        customerId: d.customerId,
        currency: d.currency,
        outstanding: new Dec(0),
        overdue: new Dec(0),
        ageing: BUCKETS.map(() => new Dec(0)),
      };
      rows.set(key, row);
      row.outstanding = row.outstanding.plus(open);
      if (d.paymentStatus === 'overdue') row.overdue = row.overdue.plus(open);
      const late = Math.max(0, daysBetween(d.dueDate ?? d.issueDate, today));
      const bucket = BUCKETS.findIndex((b) => late <= b.upTo);
      row.ageing[bucket] = row.ageing[bucket]!.plus(open);
    }
    const out = (r: Row) => ({
      customerId: r.customerId,
      currency: r.currency,
      outstanding: formatAmount(r.outstanding, r.currency),
      overdue: formatAmount(r.overdue, r.currency),
      ageing: Object.fromEntries(BUCKETS.map((b, i) => [b.name, formatAmount(r.ageing[i]!, r.currency)])),
    });
    const customers = [...rows.values()].sort((a, b) =>
      a.customerId + a.currency < b.customerId + b.currency ? -1 : 1,
    );
    const totals = new Map<string, Row>();
    for (const r of customers) {
      const t = totals.get(r.currency) ?? {
        customerId: '',
        currency: r.currency,
        outstanding: new Dec(0),
        overdue: new Dec(0),
        ageing: BUCKETS.map(() => new Dec(0)),
      };
      totals.set(r.currency, t);
      t.outstanding = t.outstanding.plus(r.outstanding);
      t.overdue = t.overdue.plus(r.overdue);
      t.ageing = t.ageing.map((v, i) => v.plus(r.ageing[i]!));
    }
    return {
      asOf: today,
      customers: customers.map(out),
      totals: [...totals.values()].map(({ customerId: _c, ...t }) => {
        const { customerId: _x, ...rest } = out({ ...t, customerId: '' });
        return rest;
      }),
    };
  });
}

/** Payments received per month (tenant time zone), per currency, reversed payments left out. */
export function paymentsReceivedReport(deps: Deps, ctx: CallContext, range: { from: string; to: string }) {
  if (range.from > range.to) throw invalid([{ field: 'to', code: 'INVALID_PERIOD', message: 'to is before from' }]);
  return deps.uow.run(async (s) => {
    const tenant = await s.tenancy.getTenant(ctx.tenantId);
    if (!tenant) throw notFound('Tenant', ctx.tenantId);
    // Credit notes are not money received, though their credit sits in the ledger as a payment.
    const rows = (await s.payments.receivedPayments(ctx.tenantId)).filter((p) => p.source !== CREDIT_NOTE_SOURCE);
    const periods = new Map<string, { period: string; currency: string; count: number; amount: Dec }>();
    for (const p of rows) {
      const date = todayInZone(Temporal.Instant.from(p.receivedAt), tenant.timezone);
      if (date < range.from || date > range.to) continue;
      const period = date.slice(0, 7);
      const key = `${period} ${p.currency}`;
      const row = periods.get(key) ?? { period, currency: p.currency, count: 0, amount: new Dec(0) };
      periods.set(key, row);
      row.count += 1;
      row.amount = row.amount.plus(p.amount);
    }
    return {
      from: range.from,
      to: range.to,
      periods: [...periods.values()]
        .sort((a, b) => (a.period + a.currency < b.period + b.currency ? -1 : 1))
        .map((r) => ({ ...r, amount: formatAmount(r.amount, r.currency) })),
    };
  });
}
