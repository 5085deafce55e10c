import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { Tenant } from '../ports/tenancy.ts';
import type { DocumentType } from '../ports/documents.ts';
import { isDocumentType } from '../../core/documents/policy.ts';
import { invalid, notFound } from '../errors.ts';
import { runningBalance, type StatementEntry } from '../../core/payments/index.ts';
import { formatAmount, minorUnits } from '../../core/money/currency.ts';
import { Dec } from '../../core/money/decimal.ts';
import { todayInZone } from '../../core/time/zones.ts';
import { Temporal } from 'temporal-polyfill';

export interface StatementLineOut {
  date: string;
  kind: StatementEntry['kind'];
  id: string;
  documentId: string | null;
  paymentId: string | null;
  number: string | null;
  description: string;
  debit: string;
  credit: string;
  balance: string;
}

export interface LedgerEntry extends StatementEntry {
  documentId: string | null;
  paymentId: string | null;
  number: string | null;
  /** The type of the document a document, credit note or cancellation entry is about. */
  documentType: DocumentType | null;
  /** A payment's reference: the bank's id when it has one. */
  paymentReference: string | null;
  description: string;
}

const day = (tenant: Tenant, at: string) => todayInZone(Temporal.Instant.from(at), tenant.timezone);
const ZERO = '0';

/**
 * Every entry that moves the customer's balance, in the customer's currency: issued documents and
 * reversals owe (debit); payments, credit notes and cancellations pay (credit); allocations only
 * say which money paid which document, so they carry no amount on either side.
 */
async function entriesOf(s: Session, tenant: Tenant, customerId: string): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  for (const d of await s.payments.ledgerDocuments(tenant.id, customerId)) {
    const isCredit = d.type === 'credit_note';
    entries.push({
      date: d.issueDate,
      at: d.issuedAt,
      id: d.id,
      kind: isCredit ? 'credit_note' : 'document',
      documentId: d.id,
      paymentId: null,
      number: d.number,
      documentType: isDocumentType(d.type) ? d.type : null,
      paymentReference: null,
      description: `${d.type} ${d.number ?? d.id}`,
      debit: isCredit ? ZERO : d.total,
      credit: isCredit ? d.total : ZERO,
    });
    if (d.cancelledAt)
      entries.push({
        date: day(tenant, d.cancelledAt),
        at: d.cancelledAt,
        id: `${d.id}:cancel`,
        kind: 'cancellation',
        documentId: d.id,
        paymentId: null,
        number: d.number,
        documentType: isDocumentType(d.type) ? d.type : null,
        paymentReference: null,
        description: `${d.type} ${d.number ?? d.id} cancelled`,
        debit: isCredit ? d.total : ZERO,
        credit: isCredit ? ZERO : d.total,
      });
  }
  for (const p of await s.payments.customerPayments(tenant.id, customerId)) {
    const base = {
      paymentId: p.id,
      documentId: null,
      number: null,
      documentType: null,
      paymentReference: p.externalId ?? p.id,
    };
    entries.push({
      ...base,
      date: day(tenant, p.receivedAt),
      at: p.receivedAt,
      id: p.id,
      kind: 'payment',
      description: `payment ${p.externalId ?? p.id}`,
      debit: ZERO,
      credit: p.amount,
    });
    if (p.reversedAt)
      entries.push({
        ...base,
        date: day(tenant, p.reversedAt),
        at: p.reversedAt,
        id: `${p.id}:reversal`,
        kind: 'reversal',
        description: `payment ${p.externalId ?? p.id} reversed`,
        debit: p.amount,
        credit: ZERO,
      });
  }
  for (const a of await s.payments.allocationsOfCustomer(tenant.id, customerId)) {
    const negative = new Dec(a.amount).lt(0);
    entries.push({
      date: day(tenant, a.at),
      at: a.at,
      id: a.id,
      kind: negative ? 'unbinding' : 'allocation',
      documentId: a.documentId,
      paymentId: a.paymentId,
      number: null,
      documentType: null,
      paymentReference: null,
      description: `${negative ? 'unbound' : 'allocated'} ${new Dec(a.amount).abs().toString()} (${a.kind})`,
      debit: ZERO,
      credit: ZERO,
    });
  }
  return entries;
}

async function customerOf(s: Session, ctx: CallContext, id: string) {
  const tenant = await s.tenancy.getTenant(ctx.tenantId);
  if (!tenant) throw notFound('Tenant', ctx.tenantId);
  const customer = await s.customers.get(ctx.tenantId, id);
  if (!customer) throw notFound('Customer', id);
  return { tenant, customer };
}

/** The balance, derived from the entries: outstanding debt minus customer credit. */
export function customerBalance(deps: Deps, ctx: CallContext, customerId: string) {
  return deps.uow.run(async (s) => {
    const { tenant, customer } = await customerOf(s, ctx, customerId);
    const currency = customer.currency;
    const money = (v: Dec) => formatAmount(v, currency);
    let outstanding = new Dec(0);
    let overdue = new Dec(0);
    for (const d of await s.payments.ledgerDocuments(tenant.id, customerId)) {
      if (d.cancelledAt || d.type === 'credit_note') continue;
      const open = new Dec(d.total).minus(d.paid);
      outstanding = outstanding.plus(open);
      if (d.paymentStatus === 'overdue') overdue = overdue.plus(open);
    }
    let credit = new Dec(0);
    const own = await s.payments.customerPayments(tenant.id, customerId);
    const rows = await s.payments.allocationsOfPayments(
      tenant.id,
      own.map((p) => p.id),
    );
    for (const p of own) {
      if (p.reversedAt) continue;
      const allocated = rows.filter((r) => r.paymentId === p.id).reduce((t, r) => t.plus(r.paymentAmount), new Dec(0));
      credit = credit.plus(new Dec(p.amount).minus(allocated));
    }
    const { closing } = runningBalance('0', await entriesOf(s, tenant, customerId), minorUnits(currency));
    return {
      customerId,
      currency,
      outstanding: money(outstanding),
      overdue: money(overdue),
      credit: money(credit),
      // Positive: the customer owes; negative: the customer has money with us.
      balance: money(outstanding.minus(credit)),
      statementBalance: closing,
    };
  });
}

/**
 * The customer's ledger between two dates, read in the caller's transaction: the balance carried
 * before `from`, the entries of [from, to] with a running balance, and the closing balance. The
 * statement endpoint and reconciliation documents both read it.
 */
export async function readStatement(
  s: Session,
  tenantId: string,
  customerId: string,
  range: { from?: string | undefined; to?: string | undefined },
) {
  const tenant = await s.tenancy.getTenant(tenantId);
  if (!tenant) throw notFound('Tenant', tenantId);
  const customer = await s.customers.get(tenantId, customerId);
  if (!customer) throw notFound('Customer', customerId);
  const units = minorUnits(customer.currency);
  const all = await entriesOf(s, tenant, customerId);
  const before = all.filter((e) => range.from && e.date < range.from);
  const opening = runningBalance('0', before, units).closing;
  const inside = all.filter((e) => (!range.from || e.date >= range.from) && (!range.to || e.date <= range.to));
  const { lines, closing } = runningBalance(opening, inside, units);
  return { customer, opening, closing, lines };
}

/** Entries of [from, to] with a running balance starting from the balance carried before `from`. */
export function customerStatement(
  deps: Deps,
  ctx: CallContext,
  customerId: string,
  range: { from?: string | undefined; to?: string | undefined },
) {
  if (range.from && range.to && range.from > range.to)
    throw invalid([{ field: 'to', code: 'INVALID_PERIOD', message: 'to is before from' }]);
  return deps.uow.run(async (s) => {
    const { customer, opening, closing, lines } = await readStatement(s, ctx.tenantId, customerId, range);
    const money = (v: string) => formatAmount(v, customer.currency);
    return {
      customerId,
      currency: customer.currency,
      from: range.from ?? null,
      to: range.to ?? null,
      openingBalance: opening,
      closingBalance: closing,
      lines: lines.map(({ entry: e, balance }): StatementLineOut => ({
        date: e.date,
        kind: e.kind,
        id: e.id,
        documentId: e.documentId,
        paymentId: e.paymentId,
        number: e.number,
        description: e.description,
        debit: money(e.debit),
        credit: money(e.credit),
        balance,
      })),
    };
  });
}
