import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PaymentLedgerRepo } from '../../app/ports/payments.ts';
import { PAYABLE_DOCUMENT_TYPES } from '../../core/payments/index.ts';
import { documents, paymentReversals, payments } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { withIsoTimestamps } from './rows.ts';
import { notReversed, toPayment } from './payment-rows.ts';

const payable = [...PAYABLE_DOCUMENT_TYPES];

export function paymentLedgerRepo(tx: Db): PaymentLedgerRepo {
  return {
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
