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
import { markOverdue } from '../payments/mark-overdue.ts';
import { updateTenant } from '../tenancy/tenant-settings.ts';
import { Dec } from '../../core/money/decimal.ts';
import { demoBillingMonth } from './demo-data.ts';
import { Temporal } from 'temporal-polyfill';

/**
 * The demo's payments, after its invoices: allocation rules, exchange rates, a partial payment, an
 * overpayment kept as credit, an unmatched bank row, and an older invoice (back-dated by running
 * its issue on a clock 45 days back) that the overdue task marks overdue.
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
    if (first) {
      const half = new Dec(first.totals.total).dividedBy(2).toFixed(2);
      const p = await recordPayment(deps, ctx, {
        customerId: first.customerId,
        amount: half,
        currency: first.currency,
        receivedAt,
        externalId: 'DEMO-BANK-0001',
        source: 'bank',
        payer: 'Acme Logistics SL',
      });
      progress(`demo: partial payment ${half} on ${first.number} (${p.payment.id})`);
    }
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
    await recordPayment(deps, ctx, {
      customerId: null,
      amount: '99.90',
      currency: 'EUR',
      receivedAt,
      externalId: 'DEMO-BANK-0002',
      source: 'bank',
      payer: 'J. Doe',
      reference: 'invoice ??',
    });
    progress('demo: an unmatched bank payment of 99.90 waits for manual matching');

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
