import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import { AppError } from '../errors.ts';
import { createInvoice } from '../documents/create-document.ts';
import { addFixedCost } from '../documents/edit-draft.ts';
import { requestGeneration } from '../documents/generate-document.ts';
import { issueDocument } from '../documents/issue-document.ts';
import { listDocuments } from '../documents/queries.ts';
import { createAllocationConfiguration } from '../payments/allocation-configurations.ts';
import { addExchangeRate } from '../payments/exchange-rates.ts';
import { recordPayment } from '../payments/record-payment.ts';
import { importPayments } from '../payments/import-payments.ts';
import { issueCreditNote } from '../payments/issue-credit-note.ts';
import { createSequence } from '../documents/number-sequences.ts';
import { markOverdue } from '../payments/mark-overdue.ts';
import { updateTenant } from '../tenancy/tenant-settings.ts';
import { Dec } from '../../core/money/decimal.ts';
import { todayInZone } from '../../core/time/zones.ts';
import { demoBillingMonth } from './demo-data.ts';
import { Temporal } from 'temporal-polyfill';

/**
 * The demo's payments, after its invoices: allocation rules, exchange rates, a small bank statement
 * (CSV) whose first row pays half an invoice it names and whose second row matches nobody, an
 * overpayment kept as credit, a credit note on part of an invoice, and an older invoice (back-dated
 * by running its issue on a clock 45 days back) that the overdue task marks overdue.
 */
export function demoPaymentsStep(
  deps: Deps,
  renderer: DocumentRenderer,
  drainJobs: () => Promise<unknown>,
  progress: (line: string) => void,
) {
  return async (ctx: CallContext, customerIds: string[]) => {
    await updateTenant(deps, ctx, { settings: { overdueGraceDays: 5 } });
    await createAllocationConfiguration(deps, ctx, {
      name: 'Oldest due first',
      criteria: ['outstanding_debts', 'due_date'],
      allowPartial: true,
      isDefault: true,
    });
    await createAllocationConfiguration(deps, ctx, {
      name: 'Exact amount, then oldest',
      criteria: ['exact_amount', 'due_date'],
      allowPartial: true,
      isDefault: false,
    });
    const now = deps.clock.now();
    const today = now.toZonedDateTimeISO('UTC').toPlainDate();
    await addExchangeRate(deps, ctx, {
      currency: 'USD',
      rate: '1.08',
      validFrom: today.subtract({ months: 3 }).toString(),
    });
    await addExchangeRate(deps, ctx, {
      currency: 'USD',
      rate: '1.05',
      validFrom: today.subtract({ days: 7 }).toString(),
    });
    await addExchangeRate(deps, ctx, {
      currency: 'GBP',
      rate: '0.86',
      validFrom: today.subtract({ months: 3 }).toString(),
    });

    const issued = (await listDocuments(deps, ctx, { status: 'issued', type: 'invoice' }, { limit: 50 })).data;
    const byCustomer = (id: string) => issued.find((d) => d.customerId === id);
    const [first, second] = [byCustomer(customerIds[0]!), byCustomer(customerIds[1]!)];
    const receivedAt = now.subtract({ hours: 2 }).toString();
    // A bank statement as banks export it: the first row names an invoice in its remittance text and
    // is matched through it; the second names nobody we know and waits for manual matching.
    const rows = [['Booking date', 'Bank reference', 'Amount', 'Currency', 'Ordering party', 'Remittance information']];
    const bookingDate = todayInZone(now.subtract({ hours: 2 }), 'UTC');
    if (first) {
      const half = new Dec(first.totals.total).dividedBy(2).toFixed(2);
      rows.push([bookingDate, 'DEMO-BANK-0001', half, first.currency, 'Acme Logistics SL', `Invoice ${first.number}`]);
    }
    rows.push([bookingDate, 'DEMO-BANK-0002', '99.90', 'EUR', 'J. Doe', 'invoice ??']);
    const statement = rows.map((r) => r.join(';')).join('\n');
    const report = await importPayments(
      deps,
      ctx,
      {
        format: 'csv',
        source: 'demo-bank',
        fileName: 'demo-statement.csv',
        mapping: {
          date: 'Booking date',
          externalId: 'Bank reference',
          amount: 'Amount',
          currency: 'Currency',
          payer: 'Ordering party',
          reference: 'Remittance information',
        },
      },
      statement,
    );
    progress(
      `demo: bank statement imported: ${report.accepted} payments` +
        (first && report.accepted > report.unmatched ? ` (half of ${first.number} paid, matched by its number)` : '') +
        `, ${report.unmatched} unmatched row waits for manual matching`,
    );
    if (second) {
      const over = new Dec(second.totals.total).plus(25).toFixed(2);
      await recordPayment(deps, ctx, {
        customerId: second.customerId,
        amount: over,
        currency: second.currency,
        receivedAt,
        method: 'card',
        externalId: 'DEMO-CARD-0001',
        source: 'card',
      });
      progress(`demo: overpayment ${over} on ${second.number}: 25.00 kept as credit`);
    }
    // A credit note for part of the half-paid invoice: 10.00 less to pay, numbered from its own sequence.
    if (first && new Dec(first.totals.total).gte(20)) {
      await createSequence(deps, ctx, {
        name: 'Credit notes',
        documentType: 'credit_note',
        prefix: 'CN',
        padding: 5,
        increment: 1,
        start: 1,
        reset: 'never',
        pattern: null,
      });
      const note = await issueCreditNote(deps, ctx, {
        creditedDocumentId: first.id,
        amount: '10.00',
        reason: 'Service outage goodwill',
      });
      await drainJobs();
      progress(`demo: credit note ${note.number} takes 10.00 off ${first.number}`);
    }

    // An older invoice, issued 45 days ago on a clock turned back, now past its due date.
    const past = { ...deps, clock: { now: () => now.subtract({ hours: 24 * 45 }) } };
    const tenant = await deps.uow.run((s) => s.tenancy.getTenant(ctx.tenantId));
    const before = demoBillingMonth(now.subtract({ hours: 24 * 62 }), tenant!.timezone);
    const customerId = customerIds[customerIds.length > 2 ? 2 : 0]!;
    try {
      const draft = await createInvoice(past, renderer, ctx, {
        customerId,
        periodStart: before.start,
        periodEnd: before.end,
        taxRate: '21',
      });
      const cost = (await deps.uow.run((s) => s.fixedCosts.listFixedCosts(ctx.tenantId)))[0];
      if (cost) await addFixedCost(past, ctx, draft.id, { fixedCostId: cost.id, quantity: '1' });
      await requestGeneration(past, ctx, draft.id);
      await drainJobs();
      const old = await issueDocument(past, ctx, draft.id);
      await drainJobs();
      await markOverdue(deps, Temporal.Instant.from(now.toString()));
      progress(`demo: invoice ${old.number} due ${old.dueDate} is overdue`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      progress(`demo: the overdue example was refused: ${error.code} — ${error.detail}`);
    }
  };
}
