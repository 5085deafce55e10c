import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type {
  AllocationConfigurationRecord,
  AllocationRecord,
  ExchangeRateRecord,
  PaymentRecord,
  PaymentsRepo,
  ReversalRecord,
} from '../../app/ports/payments.ts';
import type { AllocationCriterion } from '../../core/payments/index.ts';
import { PAYABLE_DOCUMENT_TYPES } from '../../core/payments/index.ts';
import {
  allocationConfigurations,
  allocations,
  contracts,
  customers,
  documentLines,
  documents,
  exchangeRates,
  paymentReversals,
  payments,
} from '../schema/index.ts';
import type { Db } from '../types.ts';
import { toPage } from './paging.ts';
import { Dec } from '../../core/money/decimal.ts';
import { withIsoTimestamps } from './rows.ts';

type PaymentRow = typeof payments.$inferSelect;
const toPayment = ({ updatedAt: _u, ...row }: PaymentRow): PaymentRecord =>
  withIsoTimestamps({ ...row, method: row.method as PaymentRecord['method'] });
const toAllocation = ({ createdAt: _c, ...row }: typeof allocations.$inferSelect): AllocationRecord =>
  withIsoTimestamps({ ...row, kind: row.kind as AllocationRecord['kind'] });
const toReversal = ({ createdAt: _c, ...row }: typeof paymentReversals.$inferSelect): ReversalRecord =>
  withIsoTimestamps(row);
const toConfiguration = (row: typeof allocationConfigurations.$inferSelect): AllocationConfigurationRecord =>
  withIsoTimestamps({ ...row, criteria: row.criteria as AllocationCriterion[] });
const toRate = (row: typeof exchangeRates.$inferSelect): ExchangeRateRecord => withIsoTimestamps(row);

const payable = [...PAYABLE_DOCUMENT_TYPES];
const notReversed = sql`not exists (select 1 from payment_reversals r where r.payment_id = payments.id)`;

export function paymentsRepo(tx: Db): PaymentsRepo {
  const paymentById = (tenantId: string, id: string) => and(eq(payments.tenantId, tenantId), eq(payments.id, id));
  return {
    async insertPayment(p) {
      const [row] = await tx.insert(payments).values(p).returning();
      return toPayment(row!);
    },
    async getPayment(tenantId, id, options) {
      const q = tx.select().from(payments).where(paymentById(tenantId, id));
      const [row] = options?.forUpdate ? await q.for('update') : await q;
      return row ? toPayment(row) : null;
    },
    async findByExternalId(tenantId, source, externalId) {
      const [row] = await tx
        .select()
        .from(payments)
        .where(and(eq(payments.tenantId, tenantId), eq(payments.source, source), eq(payments.externalId, externalId)));
      return row ? toPayment(row) : null;
    },
    async listPayments(tenantId, filter, page) {
      const where: SQL[] = [eq(payments.tenantId, tenantId)];
      if (filter.customerId) where.push(eq(payments.customerId, filter.customerId));
      if (filter.unmatched === true) where.push(isNull(payments.customerId));
      if (filter.receivedFrom) where.push(gte(payments.receivedAt, filter.receivedFrom));
      if (filter.receivedTo) where.push(lte(payments.receivedAt, filter.receivedTo));
      if (page.after) where.push(gt(payments.id, page.after));
      const rows = await tx
        .select()
        .from(payments)
        .where(and(...where))
        .orderBy(asc(payments.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toPayment), page.limit);
    },
    async setCustomer(tenantId, id, customerId) {
      const [row] = await tx
        .update(payments)
        .set({ customerId, updatedAt: sql`now()` as unknown as string })
        .where(paymentById(tenantId, id))
        .returning();
      return toPayment(row!);
    },

    async insertReversal(r) {
      await tx.insert(paymentReversals).values(r);
    },
    async reversal(tenantId, paymentId) {
      const [row] = await tx
        .select()
        .from(paymentReversals)
        .where(and(eq(paymentReversals.tenantId, tenantId), eq(paymentReversals.paymentId, paymentId)));
      return row ? toReversal(row) : null;
    },
    async reversalsOf(tenantId, paymentIds) {
      if (paymentIds.length === 0) return [];
      const rows = await tx
        .select()
        .from(paymentReversals)
        .where(and(eq(paymentReversals.tenantId, tenantId), inArray(paymentReversals.paymentId, paymentIds)));
      return rows.map(toReversal);
    },

    async insertAllocations(rows) {
      if (rows.length) await tx.insert(allocations).values(rows);
    },
    async allocationsOfPayment(tenantId, paymentId) {
      const rows = await tx
        .select()
        .from(allocations)
        .where(and(eq(allocations.tenantId, tenantId), eq(allocations.paymentId, paymentId)))
        .orderBy(asc(allocations.id));
      return rows.map(toAllocation);
    },
    async allocationsOfPayments(tenantId, paymentIds) {
      if (paymentIds.length === 0) return [];
      const rows = await tx
        .select()
        .from(allocations)
        .where(and(eq(allocations.tenantId, tenantId), inArray(allocations.paymentId, paymentIds)))
        .orderBy(asc(allocations.id));
      return rows.map(toAllocation);
    },
    async allocationsOfDocument(tenantId, documentId) {
      const rows = await tx
        .select()
        .from(allocations)
        .where(and(eq(allocations.tenantId, tenantId), eq(allocations.documentId, documentId)))
        .orderBy(asc(allocations.id));
      return rows.map(toAllocation);
    },
    async allocationsOfCustomer(tenantId, customerId) {
      const rows = await tx
        .select()
        .from(allocations)
        .where(and(eq(allocations.tenantId, tenantId), eq(allocations.customerId, customerId)))
        .orderBy(asc(allocations.id));
      return rows.map(toAllocation);
    },
    async setDocumentPaid(tenantId, documentId, delta, paymentStatus) {
      await tx
        .update(documents)
        .set({
          paid: sql`${documents.paid} + ${delta}::numeric` as unknown as string,
          paymentStatus,
          updatedAt: sql`now()` as unknown as string,
        })
        .where(and(eq(documents.tenantId, tenantId), eq(documents.id, documentId)));
    },
    async openDocuments(tenantId, customerId) {
      const rows = await tx
        .select({
          id: documents.id,
          currency: documents.currency,
          total: documents.total,
          paid: documents.paid,
          issueDate: documents.issueDate,
          dueDate: documents.dueDate,
        })
        .from(documents)
        .where(
          and(
            eq(documents.tenantId, tenantId),
            eq(documents.customerId, customerId),
            eq(documents.status, 'issued'),
            inArray(documents.type, payable),
            sql`${documents.total} > ${documents.paid}`,
          ),
        )
        .orderBy(asc(documents.id))
        .for('update');
      return rows.map((r) => ({
        id: r.id,
        currency: r.currency,
        total: r.total ?? '0',
        paid: r.paid,
        issueDate: r.issueDate ?? '',
        dueDate: r.dueDate ?? r.issueDate ?? '',
        servicePriority: null,
      }));
    },
    async paymentsWithCredit(tenantId, customerId) {
      // Columns are spelled out: drizzle renders a lone table's columns unqualified, which inside
      // a subquery would bind to the subquery's own table.
      const allocated = sql<string>`coalesce((select sum(a.payment_amount) from allocations a
        where a.tenant_id = payments.tenant_id and a.payment_id = payments.id), 0)`;
      const rows = await tx
        .select({ payment: payments, allocated })
        .from(payments)
        .where(
          and(
            eq(payments.tenantId, tenantId),
            eq(payments.customerId, customerId),
            notReversed,
            sql`${payments.amount} > ${allocated}`,
          ),
        )
        .orderBy(asc(payments.receivedAt), asc(payments.id));
      return rows.map((r) => ({ ...toPayment(r.payment), allocated: String(r.allocated) }));
    },
    async customerIdByIban(tenantId, iban) {
      const rows = await tx
        .select({ id: customers.id })
        .from(customers)
        .where(
          and(eq(customers.tenantId, tenantId), sql`upper(replace(${customers.bank}->>'iban', ' ', '')) = ${iban}`),
        )
        .limit(2);
      return rows.length === 1 ? rows[0]!.id : null;
    },
    async customerIdByDocumentNumbers(tenantId, numbers) {
      if (!numbers.length) return null;
      const rows = await tx
        .selectDistinct({ id: documents.customerId })
        .from(documents)
        .where(
          and(
            eq(documents.tenantId, tenantId),
            inArray(documents.type, payable),
            inArray(documents.status, ['issued']),
            inArray(documents.number, numbers),
          ),
        )
        .limit(2);
      return rows.length === 1 ? rows[0]!.id : null;
    },
    async creditedOn(tenantId, documentId) {
      const notes = await tx
        .select({ id: documents.id, total: documents.total })
        .from(documents)
        .where(
          and(
            eq(documents.tenantId, tenantId),
            eq(documents.type, 'credit_note'),
            eq(documents.accompaniesDocumentId, documentId),
            eq(documents.status, 'issued'),
          ),
        );
      const total = notes.reduce((t, n) => t.plus(n.total ?? '0'), new Dec(0)).toString();
      const lines = new Map<string, string>();
      if (notes.length) {
        const rows = await tx
          .select({ key: documentLines.lineKey, gross: documentLines.gross })
          .from(documentLines)
          .where(
            and(
              eq(documentLines.tenantId, tenantId),
              inArray(
                documentLines.documentId,
                notes.map((n) => n.id),
              ),
            ),
          );
        for (const r of rows) lines.set(r.key, new Dec(lines.get(r.key) ?? '0').plus(r.gross).toString());
      }
      return { total, lines };
    },
    async lockCustomer(tenantId, customerId) {
      await tx
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId)))
        .for('update');
    },

    async insertConfiguration(c) {
      const [row] = await tx.insert(allocationConfigurations).values(c).returning();
      return toConfiguration(row!);
    },
    async updateConfiguration(tenantId, id, patch) {
      const [row] = await tx
        .update(allocationConfigurations)
        .set({ ...patch, updatedAt: sql`now()` as unknown as string })
        .where(and(eq(allocationConfigurations.tenantId, tenantId), eq(allocationConfigurations.id, id)))
        .returning();
      return row ? toConfiguration(row) : null;
    },
    async getConfiguration(tenantId, id) {
      const [row] = await tx
        .select()
        .from(allocationConfigurations)
        .where(and(eq(allocationConfigurations.tenantId, tenantId), eq(allocationConfigurations.id, id)));
      return row ? toConfiguration(row) : null;
    },
    async defaultConfiguration(tenantId) {
      const [row] = await tx
        .select()
        .from(allocationConfigurations)
        .where(and(eq(allocationConfigurations.tenantId, tenantId), eq(allocationConfigurations.isDefault, true)));
      return row ? toConfiguration(row) : null;
    },
    async clearDefaultConfiguration(tenantId) {
      await tx
        .update(allocationConfigurations)
        .set({ isDefault: false })
        .where(and(eq(allocationConfigurations.tenantId, tenantId), eq(allocationConfigurations.isDefault, true)));
    },
    async listConfigurations(tenantId) {
      const rows = await tx
        .select()
        .from(allocationConfigurations)
        .where(eq(allocationConfigurations.tenantId, tenantId))
        .orderBy(asc(allocationConfigurations.id));
      return rows.map(toConfiguration);
    },
    async contractConfigurationId(tenantId, customerId) {
      const [row] = await tx
        .select({ id: contracts.allocationConfigurationId })
        .from(contracts)
        .where(
          and(
            eq(contracts.tenantId, tenantId),
            eq(contracts.customerId, customerId),
            eq(contracts.status, 'active'),
            sql`${contracts.allocationConfigurationId} is not null`,
          ),
        )
        .orderBy(desc(contracts.id))
        .limit(1);
      return row?.id ?? null;
    },

    async insertRate(r) {
      const [row] = await tx.insert(exchangeRates).values(r).returning();
      return toRate(row!);
    },
    async listRates(tenantId, currency) {
      const where: SQL[] = [eq(exchangeRates.tenantId, tenantId)];
      if (currency) where.push(eq(exchangeRates.currency, currency));
      const rows = await tx
        .select()
        .from(exchangeRates)
        .where(and(...where))
        .orderBy(asc(exchangeRates.currency), asc(exchangeRates.validFrom));
      return rows.map(toRate);
    },
    async rateOn(tenantId, currency, date) {
      const [row] = await tx
        .select({ rate: exchangeRates.rate })
        .from(exchangeRates)
        .where(
          and(
            eq(exchangeRates.tenantId, tenantId),
            eq(exchangeRates.currency, currency),
            lte(exchangeRates.validFrom, date),
          ),
        )
        .orderBy(desc(exchangeRates.validFrom))
        .limit(1);
      return row?.rate ?? null;
    },

    async issuedDocuments(tenantId, filter) {
      const where: SQL[] = [eq(documents.tenantId, tenantId), eq(documents.status, 'issued')];
      if (filter.customerId) where.push(eq(documents.customerId, filter.customerId));
      if (filter.types) where.push(inArray(documents.type, filter.types));
      const rows = await tx
        .select({
          id: documents.id,
          type: documents.type,
          number: documents.number,
          customerId: documents.customerId,
          currency: documents.currency,
          exchangeRate: documents.exchangeRate,
          totalNet: documents.totalNet,
          total: documents.total,
          paid: documents.paid,
          issueDate: documents.issueDate,
          dueDate: documents.dueDate,
          paymentStatus: documents.paymentStatus,
        })
        .from(documents)
        .where(and(...where))
        .orderBy(asc(documents.issueDate), asc(documents.id));
      return rows.map((r) => ({
        ...r,
        totalNet: r.totalNet ?? '0',
        total: r.total ?? '0',
        issueDate: r.issueDate ?? '',
      }));
    },
    async openPayableDocuments(tenantId) {
      const rows = await tx
        .select({
          id: documents.id,
          total: documents.total,
          paid: documents.paid,
          dueDate: documents.dueDate,
          paymentStatus: documents.paymentStatus,
        })
        .from(documents)
        .where(
          and(
            eq(documents.tenantId, tenantId),
            eq(documents.status, 'issued'),
            inArray(documents.type, payable),
            sql`${documents.total} > ${documents.paid}`,
            sql`${documents.dueDate} is not null`,
          ),
        );
      return rows.map((r) => ({ ...r, total: r.total ?? '0', dueDate: r.dueDate! }));
    },
    async ledgerDocuments(tenantId, customerId) {
      const rows = await tx
        .select({
          id: documents.id,
          type: documents.type,
          number: documents.number,
          currency: documents.currency,
          total: documents.total,
          paid: documents.paid,
          issueDate: documents.issueDate,
          dueDate: documents.dueDate,
          issuedAt: documents.issuedAt,
          cancelledAt: documents.cancelledAt,
          paymentStatus: documents.paymentStatus,
        })
        .from(documents)
        .where(
          and(
            eq(documents.tenantId, tenantId),
            eq(documents.customerId, customerId),
            inArray(documents.type, [...payable, 'credit_note']),
            sql`${documents.issuedAt} is not null`,
          ),
        )
        .orderBy(asc(documents.issueDate), asc(documents.id));
      return rows.map((r) =>
        withIsoTimestamps({ ...r, total: r.total ?? '0', issueDate: r.issueDate ?? '', issuedAt: r.issuedAt! }),
      );
    },
    async receivedPayments(tenantId) {
      const rows = await tx
        .select()
        .from(payments)
        .where(and(eq(payments.tenantId, tenantId), notReversed))
        .orderBy(asc(payments.receivedAt), asc(payments.id));
      return rows.map(toPayment);
    },
    async customerPayments(tenantId, customerId) {
      const rows = await tx
        .select({ payment: payments, reversedAt: paymentReversals.reversedAt })
        .from(payments)
        .leftJoin(paymentReversals, eq(paymentReversals.paymentId, payments.id))
        .where(and(eq(payments.tenantId, tenantId), eq(payments.customerId, customerId)))
        .orderBy(asc(payments.receivedAt), asc(payments.id));
      return rows.map((r) => withIsoTimestamps({ ...toPayment(r.payment), reversedAt: r.reversedAt }));
    },
    async tenantsWithOpenDocuments() {
      const rows = await tx
        .selectDistinct({ tenantId: documents.tenantId })
        .from(documents)
        .where(
          and(
            eq(documents.status, 'issued'),
            inArray(documents.type, payable),
            sql`${documents.total} > ${documents.paid}`,
          ),
        );
      return rows.map((r) => r.tenantId);
    },
  };
}
