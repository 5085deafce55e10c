import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import { AppError } from '../errors.ts';
import { createSequence } from '../documents/number-sequences.ts';
import { createFixedCost } from '../documents/fixed-costs.ts';
import { createInvoice } from '../documents/create-document.ts';
import { addFixedCost } from '../documents/edit-draft.ts';
import { requestGeneration } from '../documents/generate-document.ts';
import { issueDocument } from '../documents/issue-document.ts';
import { getDocument } from '../documents/queries.ts';
import { previewDocument } from '../documents/preview-document.ts';
import { editLineDescription } from '../documents/draft-lines.ts';
import { demoBillingMonth } from './demo-data.ts';

/**
 * The demo's invoicing: a numbering series, two fixed costs, and last month's invoice for every
 * demo customer — issued for most, left as a generated draft for one, and refused (with the rule's
 * code, shown in the demo's output) where the data does not allow it, as an operator would see.
 */
export function demoInvoicesStep(
  deps: Deps,
  renderer: DocumentRenderer,
  drainJobs: () => Promise<unknown>,
  progress: (line: string) => void,
) {
  return async (ctx: CallContext, customerIds: string[]) => {
    const sequence = await createSequence(deps, ctx, {
      name: 'Invoices',
      documentType: 'invoice',
      prefix: 'CT',
      padding: 5,
      increment: 1,
      start: 1,
      reset: 'yearly',
      pattern: '{PREFIX}-{YYYY}-{SEQ}',
    });
    const rental = await createFixedCost(deps, ctx, {
      name: 'Line rental',
      description: 'SIP trunk, 10 channels',
      cost: '45.00',
    });
    const numbers = await createFixedCost(deps, ctx, {
      name: 'Number rental',
      description: 'Geographic DID',
      cost: '1.50',
    });
    const tenant = await deps.uow.run((s) => s.tenancy.getTenant(ctx.tenantId));
    const period = demoBillingMonth(deps.clock.now(), tenant!.timezone);
    for (const [index, customerId] of customerIds.entries()) {
      try {
        const last = index === customerIds.length - 1;
        if (last) {
          // The dry run: what this customer's invoice will hold, with nothing stored or claimed.
          const preview = await previewDocument(deps, renderer, ctx, {
            customerId,
            periodStart: period.start,
            periodEnd: period.end,
            taxRate: '21',
          });
          progress(
            `demo: dry run of the next invoice for ${customerId}: ${preview.lines.length} line(s), net ${preview.totals.net}`,
          );
        }
        const doc = await createInvoice(deps, renderer, ctx, {
          customerId,
          periodStart: period.start,
          periodEnd: period.end,
          numberSequenceId: sequence.id,
          taxRate: '21',
          callDiscountPercent: index === 0 ? '5' : '0',
        });
        await addFixedCost(deps, ctx, doc.id, { fixedCostId: rental.id, quantity: '1' });
        await addFixedCost(deps, ctx, doc.id, { fixedCostId: numbers.id, quantity: String(index + 1) });
        await requestGeneration(deps, ctx, doc.id);
        await drainJobs();
        const generated = await getDocument(deps, ctx, doc.id);
        if (generated.renderStatus !== 'created' && generated.renderStatus !== 'on_view') {
          progress(`demo: invoice ${doc.id} could not be generated: ${generated.renderError}`);
        } else if (index < customerIds.length - 1) {
          const issued = await issueDocument(deps, ctx, doc.id);
          await drainJobs();
          progress(`demo: invoice ${issued.number} issued, total ${issued.totals.total} ${issued.currency}`);
        } else {
          // Draft lines keep the catalog's text until the operator words them for the customer.
          const line = generated.lines.find((l) => l.kind === 'fixed_cost');
          if (line) await editLineDescription(deps, ctx, doc.id, line.id, 'SIP trunk rental, 10 channels');
          await requestGeneration(deps, ctx, doc.id);
          await drainJobs();
          progress(`demo: invoice ${doc.id} left as a generated draft for you to issue (one line renamed)`);
        }
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        progress(`demo: invoice for customer ${customerId} refused: ${error.code} — ${error.detail}`);
      }
    }
  };
}
