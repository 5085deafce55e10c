import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { AllocationRecord, NewPayment, OpenDocumentRow } from '../ports/payments.ts';
import type { Tenant } from '../ports/tenancy.ts';
import type { WebhookEventType } from '../../core/webhooks/index.ts';
import type { BankRow, RowProblem } from './bank-statements/bank-row.ts';
import { newId } from '../ids.ts';
import { recordChanges } from '../audit/record-change.ts';
import { recordEvents } from '../webhooks/record-event.ts';
import { documentEventData, paymentEventData } from '../webhooks/event-data.ts';
import { killPoint } from '../reliability/kill-points.ts';
import { moveDocuments, planAllocation } from './allocate.ts';
import { presentPayment } from './present.ts';
import { storePayment, type PaymentInput } from './record-payment.ts';
import { DEFAULT_ALLOCATION, type AllocationConfiguration } from '../../core/payments/index.ts';
import { Dec } from '../../core/money/decimal.ts';

/** Good rows stored per chunk: each chunk costs a constant number of statements. */
export const IMPORT_CHUNK_ROWS = 500;

/** A good statement row, ready to become a payment. */
export interface ChunkRow {
  /** Position among the statement's rows, so that the report keeps the statement's order. */
  index: number;
  row: BankRow;
  input: PaymentInput & { source: string; externalId: string; receivedAt: string };
}

export interface ChunkOutcome {
  stored: Array<{ index: number; paymentId: string; matched: boolean }>;
  duplicates: number;
  rejected: Array<{ index: number; problem: RowProblem }>;
}

/** The references this import already met (stored before, or stored by an earlier row), by external id. */
export type SeenReferences = Map<string, { id: string; amount: string; currency: string }>;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\-_/]*[\p{L}\p{N}]/gu;

/** The words of a remittance text that may be document numbers (at most 50, as the row-by-row match reads them). */
export const numbersIn = (reference: string | null): string[] =>
  [...new Set(reference?.match(WORD) ?? [])].slice(0, 50);

const unique = (values: Array<string | null>): string[] => [...new Set(values.filter((v): v is string => !!v))];

/**
 * The customer each row names, with the precedence of one row's match: its customer id, its
 * account code, its IBAN, else the one customer owning the invoices its remittance text numbers.
 * Four queries whatever the number of rows.
 */
export async function matchCustomers(s: Session, tenantId: string, rows: BankRow[]): Promise<Array<string | null>> {
  const known = await s.payments.existingCustomerIds(tenantId, unique(rows.map((r) => r.customerId)));
  const out = rows.map((r) => (r.customerId && known.has(r.customerId) ? r.customerId : null));
  const open = () => rows.map((r, i) => ({ r, i })).filter(({ i }) => out[i] === null);
  const codes = await s.payments.customerIdsByAccountCodes(tenantId, unique(open().map(({ r }) => r.accountCode)));
  for (const { r, i } of open()) if (r.accountCode) out[i] = codes.get(r.accountCode) ?? null;
  const ibans = await s.payments.customerIdsByIbans(tenantId, unique(open().map(({ r }) => r.iban)));
  for (const { r, i } of open()) if (r.iban) out[i] = ibans.get(r.iban) ?? null;
  const left = open().map(({ r, i }) => ({ i, numbers: numbersIn(r.reference) }));
  const owners = await s.payments.customersOfDocumentNumbers(tenantId, unique(left.flatMap((l) => l.numbers)));
  for (const { i, numbers } of left) {
    const named = new Set(numbers.flatMap((n) => [...(owners.get(n) ?? [])]));
    out[i] = named.size === 1 ? [...named][0]! : null;
  }
  return out;
}

/** `configurationFor` of many customers: contract override, else the tenant's default, else oldest due date first. */
async function configurationsFor(
  s: Session,
  tenantId: string,
  customerIds: string[],
): Promise<Map<string, AllocationConfiguration>> {
  const overrides = await s.payments.contractConfigurationIds(tenantId, customerIds);
  const named = new Map(
    (await s.payments.getConfigurations(tenantId, unique([...overrides.values()]))).map((c) => [c.id, c]),
  );
  const fallback = await s.payments.defaultConfiguration(tenantId);
  const out = new Map<string, AllocationConfiguration>();
  for (const id of customerIds) {
    const overrideId = overrides.get(id);
    const chosen = (overrideId ? named.get(overrideId) : undefined) ?? fallback;
    out.set(id, chosen ? { criteria: chosen.criteria, allowPartial: chosen.allowPartial } : DEFAULT_ALLOCATION);
  }
  return out;
}

/**
 * Stores one chunk of a statement's good rows, in the import's transaction, with the results of
 * storing them one by one (`storePayment` row after row): a reference met before is a duplicate
 * (same money) or refused; each new row becomes a payment, matched or not; each matched payment is
 * allocated in row order against its customer's open documents, under the customer's lock; audit
 * entries and `document.paid` / `payment.received` events are the same. The work is set-based: the
 * customers of the chunk are locked in one statement (by id, as every allocation locks them), their
 * documents read in one, and payments, ledger rows, document moves, audit entries and events are
 * written with one statement each.
 *
 * Payments in another currency than the tenant's, and customers with documents in another currency,
 * need exchange rates of the payment date: those customers' rows go through `storePayment` one by one.
 */
export async function storeStatementChunk(
  s: Session,
  deps: Deps,
  ctx: CallContext,
  tenant: Tenant,
  importId: string,
  rows: ChunkRow[],
  seen: SeenReferences,
): Promise<ChunkOutcome> {
  const tenantId = ctx.tenantId;
  const outcome: ChunkOutcome = { stored: [], duplicates: 0, rejected: [] };
  const source = rows[0]?.input.source;
  if (!source) return outcome;
  const before = await s.payments.findByExternalIds(
    tenantId,
    source,
    unique(rows.map((r) => r.input.externalId)).filter((id) => !seen.has(id)),
  );
  for (const p of before) seen.set(p.externalId!, { id: p.id, amount: p.amount, currency: p.currency });
  const fresh: Array<ChunkRow & { id: string }> = [];
  for (const r of rows) {
    const existing = seen.get(r.input.externalId);
    if (existing) {
      // The same reference with the same money is this row imported before (perhaps matched since).
      if (new Dec(existing.amount).eq(r.input.amount) && existing.currency === r.input.currency)
        outcome.duplicates += 1;
      else
        outcome.rejected.push({
          index: r.index,
          problem: {
            row: r.row.row,
            code: 'DUPLICATE_PAYMENT_REFERENCE',
            field: 'externalId',
            detail: `payment ${existing.id} already carries reference ${r.input.externalId} with another amount`,
          },
        });
      continue;
    }
    const id = newId('pay');
    seen.set(r.input.externalId, { id, amount: r.input.amount, currency: r.input.currency });
    fresh.push({ ...r, id });
  }
  if (!fresh.length) return outcome;

  const customerOf = await matchCustomers(
    s,
    tenantId,
    fresh.map((r) => r.row),
  );
  const customerIds = unique(customerOf).sort();
  await s.documents.lockCustomers(tenantId, customerIds);
  const open = await s.payments.openDocumentsOf(tenantId, customerIds);
  const inTenantCurrency = new Set(customerIds);
  fresh.forEach((r, i) => {
    if (customerOf[i] && r.input.currency !== tenant.currency) inTenantCurrency.delete(customerOf[i]);
  });
  for (const [customerId, docs] of open)
    if (docs.some((d) => d.currency !== tenant.currency)) inTenantCurrency.delete(customerId);
  const configs = await configurationsFor(s, tenantId, [...inTenantCurrency]);

  const setBased = fresh
    .map((r, i) => ({ r, customerId: customerOf[i] ?? null }))
    .filter((x) => !x.customerId || inTenantCurrency.has(x.customerId));
  const payments = await s.payments.insertPayments(
    setBased.map(({ r, customerId }): NewPayment => ({
      id: r.id,
      tenantId,
      customerId,
      amount: r.input.amount,
      currency: r.input.currency,
      receivedAt: r.input.receivedAt,
      method: r.input.method ?? 'bank_transfer',
      payer: r.input.payer ?? null,
      reference: r.input.reference ?? null,
      source,
      externalId: r.input.externalId,
      importId,
    })),
  );

  // Allocation in memory, payment after payment in row order, each seeing what the previous ones paid.
  const state = new Map<string, { total: string; paid: string; dueDate: string }>();
  for (const docs of open.values())
    for (const d of docs) state.set(d.id, { total: d.total, paid: d.paid, dueDate: d.dueDate });
  const ledger: AllocationRecord[] = [];
  const moves = new Map<string, { delta: Dec; status: string }>();
  const paidOffBy = new Map<string, string[]>();
  let allocatedPayments = 0;
  for (const payment of payments) {
    const docs: OpenDocumentRow[] = payment.customerId ? (open.get(payment.customerId) ?? []) : [];
    if (!docs.length) continue;
    const rows = planAllocation(
      tenant,
      deps.clock.now().toString(),
      { ...payment, allocated: '0' },
      docs,
      state,
      configs.get(payment.customerId!)!,
      // Every currency here is the tenant's base currency.
      () => '1',
    );
    if (!rows.length) continue;
    ledger.push(...rows);
    allocatedPayments += 1;
    for (const move of moveDocuments(tenant, deps.clock, rows, state)) {
      const total = moves.get(move.documentId);
      moves.set(move.documentId, { delta: (total?.delta ?? new Dec(0)).plus(move.delta), status: move.status });
      if (move.paidOff) paidOffBy.set(payment.id, [...(paidOffBy.get(payment.id) ?? []), move.documentId]);
    }
  }
  await s.payments.insertAllocations(ledger);
  await s.payments.setDocumentsPaid(
    tenantId,
    [...moves].map(([documentId, m]) => ({ documentId, delta: m.delta.toString(), status: m.status })),
  );
  for (let i = 0; i < allocatedPayments; i++) killPoint('payment.allocate.appended');

  // The payments as the API shows them, their audit entries and events, in row order.
  const paidDocs = new Map(
    (await s.documents.getDocuments(tenantId, [...paidOffBy.values()].flat())).map((d) => [d.id, d]),
  );
  const allocationsOf = new Map<string, AllocationRecord[]>();
  if (ledger.length)
    for (const a of await s.payments.allocationsOfPayments(
      tenantId,
      payments.filter((p) => p.customerId).map((p) => p.id),
    ))
      allocationsOf.set(a.paymentId, [...(allocationsOf.get(a.paymentId) ?? []), a]);
  const outs = payments.map((p) => presentPayment(p, allocationsOf.get(p.id) ?? [], null));
  await recordChanges(
    s,
    ctx,
    deps.clock,
    outs.map((out) => ({ objectType: 'payment', objectId: out.id, action: 'created', after: out })),
  );
  const events: Array<{ type: WebhookEventType; data: Record<string, unknown> }> = [];
  for (const out of outs) {
    for (const documentId of paidOffBy.get(out.id) ?? [])
      events.push({ type: 'document.paid', data: documentEventData(paidDocs.get(documentId)!) });
    events.push({ type: 'payment.received', data: paymentEventData(out) });
  }
  await recordEvents(s, deps.clock, tenantId, events);
  for (const { r, customerId } of setBased)
    outcome.stored.push({ index: r.index, paymentId: r.id, matched: customerId !== null });

  // Customers whose money needs exchange rates: one row at a time, as a payment that just arrived.
  for (const [i, r] of fresh.entries()) {
    const customerId = customerOf[i];
    if (!customerId || inTenantCurrency.has(customerId)) continue;
    const { payment } = await storePayment(s, deps, ctx, tenant, { ...r.input, customerId }, importId);
    seen.set(r.input.externalId, { id: payment.id, amount: r.input.amount, currency: r.input.currency });
    outcome.stored.push({ index: r.index, paymentId: payment.id, matched: true });
  }
  outcome.stored.sort((a, b) => a.index - b.index);
  for (let i = 0; i < outcome.stored.length; i++) killPoint('payment-import.row-stored');
  return outcome;
}
