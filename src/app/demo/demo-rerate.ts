import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import { AppError } from '../errors.ts';
import { createInvoice } from '../documents/create-document.ts';
import { requestGeneration } from '../documents/generate-document.ts';
import { issueDocument } from '../documents/issue-document.ts';
import { getDocument, listDocuments } from '../documents/queries.ts';
import { periodRange } from '../documents/invoice-rules.ts';
import { createSequence, listSequences } from '../documents/number-sequences.ts';
import { listRatePlans } from '../usage/manage-rate-plans.ts';
import { upsertRates } from '../usage/update-catalog.ts';
import { rerateUsage } from '../usage/rerate-usage.ts';
import { demoBillingMonth } from './demo-data.ts';

const CORRECTED = { prefix: '35567', name: 'Albania mobile', from: '0.2000', to: '0.1500' };

/**
 * A rate correction after the month was invoiced: Albania mobile was sold at 0.20/min, the price
 * list says 0.15. The plan is fixed, one customer's month is re-rated with issuedDocuments
 * "credit" — a credit note for its Albania line, those calls released — and the month's next
 * invoice bills them at 0.15. The rest of the issued invoice stays billed.
 */
export function demoRerateStep(
  deps: Deps,
  renderer: DocumentRenderer,
  drainJobs: () => Promise<unknown>,
  progress: (line: string) => void,
) {
  return async (ctx: CallContext, customerIds: string[]) => {
    const tenant = (await deps.uow.run((s) => s.tenancy.getTenant(ctx.tenantId)))!;
    const month = demoBillingMonth(deps.clock.now(), tenant.timezone);
    const issued = (
      await listDocuments(
        deps,
        ctx,
        { status: 'issued', type: 'invoice', periodStart: month.start, periodEnd: month.end },
        { limit: 50 },
      )
    ).data;
    // The first demo customer (in their order) whose invoice of the month bills Albania mobile.
    let target: Awaited<ReturnType<typeof getDocument>> | undefined;
    for (const customerId of customerIds) {
      const doc = issued.find((d) => d.customerId === customerId && d.periodStart === month.start);
      if (!doc) continue;
      const full = await getDocument(deps, ctx, doc.id);
      if (full.lines.some((l) => l.kind === 'usage' && l.prefix === CORRECTED.prefix)) {
        target = full;
        break;
      }
    }
    const plan = (await listRatePlans(deps, ctx, { limit: 50 })).data.find((p) => p.name === 'Retail 2024');
    if (!target || !plan) {
      progress('demo: rate correction skipped: no issued invoice of the month bills Albania mobile');
      return;
    }
    try {
      if (!(await listSequences(deps, ctx, 'credit_note')).length)
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
      await upsertRates(
        deps,
        ctx,
        plan.id,
        [
          {
            prefix: CORRECTED.prefix,
            pricePerMinute: CORRECTED.to,
            connectionFee: '0',
            minimumSeconds: 0,
            incrementSeconds: 60,
          },
        ],
        false,
      );
      const range = periodRange(month.start, month.end, tenant.timezone);
      const result = await rerateUsage(deps, ctx, {
        customerId: target.customerId,
        from: range.from,
        to: range.to,
        issuedDocuments: 'credit',
      });
      await drainJobs();
      const note = result.creditNotes[0];
      if (!note) {
        progress('demo: rate correction changed no invoiced call');
        return;
      }
      const rebill = await createInvoice(deps, renderer, ctx, {
        customerId: target.customerId,
        periodStart: month.start,
        periodEnd: month.end,
        numberSequenceId: target.numberSequenceId ?? undefined,
        taxRate: '21',
      });
      await requestGeneration(deps, ctx, rebill.id);
      await drainJobs();
      const again = await issueDocument(deps, ctx, rebill.id);
      await drainJobs();
      progress(
        `demo: rate correction ${CORRECTED.name} ${CORRECTED.from} → ${CORRECTED.to}/min after ${target.number} was issued: ` +
          `credit note ${note.number} (${note.total} ${note.currency}) for its ${CORRECTED.name} line, ` +
          `${result.releasedRecordIds.length} calls released and billed again on ${again.number} (${again.totals.total} ${again.currency})`,
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      progress(`demo: the rate correction was refused: ${error.code} — ${error.detail}`);
    }
  };
}
