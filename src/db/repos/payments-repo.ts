import { and, asc, eq, gt, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { PaymentRecord, PaymentsRepo, ReversalRecord } from '../../app/ports/payments.ts';
import { arrayParam } from './usage-sql.ts';
import { PAYABLE_DOCUMENT_TYPES } from '../../core/payments/index.ts';
import { customers, documents, paymentReversals, payments } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { toPage } from './paging.ts';
import { withIsoTimestamps } from './rows.ts';
import { toPayment } from './payment-rows.ts';
import { allocationsRepo } from './allocations-repo.ts';
import { allocationConfigurationsRepo } from './allocation-configurations-repo.ts';
import { exchangeRatesRepo } from './exchange-rates-repo.ts';
import { paymentLedgerRepo } from './payment-ledger-repo.ts';

const toReversal = ({ createdAt: _c, ...row }: typeof paymentReversals.$inferSelect): ReversalRecord =>
  withIsoTimestamps(row);

const payable = [...PAYABLE_DOCUMENT_TYPES];

/** Payments and reversals here; the allocation ledger, configurations, rates and read models in their own files. */
export function paymentsRepo(tx: Db): PaymentsRepo {
  const paymentById = (tenantId: string, id: string) => and(eq(payments.tenantId, tenantId), eq(payments.id, id));
  return {
    ...allocationsRepo(tx),
    ...allocationConfigurationsRepo(tx),
    ...exchangeRatesRepo(tx),
    ...paymentLedgerRepo(tx),
    async insertPayment(p) {
      const [row] = await tx.insert(payments).values(p).returning();
      return toPayment(row!);
    },
    async insertPayments(rows) {
      const out: PaymentRecord[] = [];
      // 1,000 × a payment's columns stays far under the 65,535 bind parameters of one statement.
      for (let at = 0; at < rows.length; at += 1000) {
        const stored = await tx
          .insert(payments)
          .values(rows.slice(at, at + 1000))
          .returning();
        const byId = new Map(stored.map((r) => [r.id, toPayment(r)]));
        for (const r of rows.slice(at, at + 1000)) out.push(byId.get(r.id)!);
      }
      return out;
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
    async findByExternalIds(tenantId, source, externalIds) {
      if (!externalIds.length) return [];
      const rows = await tx
        .select()
        .from(payments)
        .where(
          and(
            eq(payments.tenantId, tenantId),
            eq(payments.source, source),
            sql`${payments.externalId} = any(${arrayParam(externalIds, 'text')})`,
          ),
        );
      return rows.map(toPayment);
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

    async existingCustomerIds(tenantId, ids) {
      if (!ids.length) return new Set();
      const rows = await tx
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), sql`${customers.id} = any(${arrayParam(ids, 'text')})`));
      return new Set(rows.map((r) => r.id));
    },
    async customerIdsByAccountCodes(tenantId, codes) {
      if (!codes.length) return new Map();
      const rows = await tx
        .select({ id: customers.id, code: customers.accountCode })
        .from(customers)
        .where(
          and(eq(customers.tenantId, tenantId), sql`${customers.accountCode} = any(${arrayParam(codes, 'text')})`),
        );
      const out = new Map<string, string>();
      for (const r of rows) if (r.code !== null && !out.has(r.code)) out.set(r.code, r.id);
      return out;
    },
    async customerIdsByIbans(tenantId, ibans) {
      if (!ibans.length) return new Map();
      const iban = sql<string>`upper(replace(${customers.bank}->>'iban', ' ', ''))`;
      const rows = await tx
        .select({ id: customers.id, iban })
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), sql`${iban} = any(${arrayParam(ibans, 'text')})`));
      const owners = new Map<string, string[]>();
      for (const r of rows) owners.set(r.iban, [...(owners.get(r.iban) ?? []), r.id]);
      return new Map([...owners].filter(([, ids]) => ids.length === 1).map(([k, ids]) => [k, ids[0]!]));
    },
    async customersOfDocumentNumbers(tenantId, numbers) {
      const out = new Map<string, Set<string>>();
      if (!numbers.length) return out;
      const rows = await tx
        .selectDistinct({ number: documents.number, id: documents.customerId })
        .from(documents)
        .where(
          and(
            eq(documents.tenantId, tenantId),
            inArray(documents.type, payable),
            inArray(documents.status, ['issued']),
            sql`${documents.number} = any(${arrayParam(numbers, 'text')})`,
          ),
        );
      for (const r of rows) {
        if (r.number === null) continue;
        const owners = out.get(r.number) ?? new Set<string>();
        owners.add(r.id);
        out.set(r.number, owners);
      }
      return out;
    },
  };
}
