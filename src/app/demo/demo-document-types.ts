import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import type { DocumentType } from '../ports/documents.ts';
import { AppError } from '../errors.ts';
import { produceCharges } from '../charges/produce-charges.ts';
import { createSequence } from '../documents/number-sequences.ts';
import { createDocument } from '../documents/create-document.ts';
import { requestGeneration } from '../documents/generate-document.ts';
import { issueDocument } from '../documents/issue-document.ts';
import { convertProforma } from '../documents/convert-proforma.ts';
import { getDocument, listDocuments } from '../documents/queries.ts';
import { demoBillingMonth } from './demo-data.ts';
import { todayInZone } from '../../core/time/zones.ts';

/**
 * The demo's other document types: an act and a VAT invoice accompanying an issued demo invoice,
 * a proforma for next month, issued and converted into an advance invoice (ADR 0010), and a
 * reconciliation statement of the invoiced customer's last three months.
 */
export function demoDocumentTypesStep(
  deps: Deps,
  renderer: DocumentRenderer,
  drainJobs: () => Promise<unknown>,
  progress: (line: string) => void,
) {
  const generateAndIssue = async (ctx: CallContext, id: string) => {
    await requestGeneration(deps, ctx, id);
    await drainJobs();
    const issued = await issueDocument(deps, ctx, id);
    await drainJobs();
    return issued;
  };
  return async (ctx: CallContext, customerIds: string[]) => {
    for (const [documentType, name, prefix] of [
      ['act', 'Acts', 'ACT'],
      ['vat_invoice', 'VAT invoices', 'VI'],
      ['reconciliation', 'Reconciliations', 'RS'],
    ] as const) {
      await createSequence(deps, ctx, {
        name,
        documentType,
        prefix,
        padding: 5,
        increment: 1,
        start: 1,
        reset: 'never',
        pattern: null,
      });
    }
    try {
      const invoice = (await listDocuments(deps, ctx, { type: 'invoice', status: 'issued' }, { limit: 1 })).data[0];
      if (invoice) {
        for (const type of ['act', 'vat_invoice'] as DocumentType[]) {
          const draft = await createDocument(deps, renderer, ctx, {
            type,
            customerId: invoice.customerId,
            periodStart: invoice.periodStart,
            periodEnd: invoice.periodEnd,
            accompaniesDocumentId: invoice.id,
          });
          const issued = await generateAndIssue(ctx, draft.id);
          progress(
            `demo: ${type} ${issued.number} accompanies invoice ${invoice.number}, total ${issued.totals.total}`,
          );
        }
      }
      await proformaConverted(ctx, customerIds[0]!);
      if (invoice) await reconciliation(ctx, invoice.customerId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      progress(`demo: document types refused: ${error.code} — ${error.detail}`);
    }
  };

  async function proformaConverted(ctx: CallContext, customerId: string) {
    const tenant = await deps.uow.run((s) => s.tenancy.getTenant(ctx.tenantId));
    const last = demoBillingMonth(deps.clock.now(), tenant!.timezone);
    const start = addMonths(last.start, 2);
    const end = addMonths(start, 1, -1);
    // The proforma's month, produced ahead: the SIP trunk billed in advance owes its charge for it.
    await produceCharges(deps, ctx, { periodStart: start, periodEnd: end, customerId });
    const proforma = await createDocument(deps, renderer, ctx, {
      type: 'proforma',
      customerId,
      periodStart: start,
      periodEnd: end,
    });
    const issued = await generateAndIssue(ctx, proforma.id);
    const invoice = await convertProforma(deps, ctx, issued.id);
    await requestGeneration(deps, ctx, invoice.id);
    await drainJobs();
    const advance = await issueDocument(deps, ctx, invoice.id);
    await drainJobs();
    const shown = await getDocument(deps, ctx, advance.id);
    progress(
      `demo: proforma ${issued.number} converted into advance invoice ${shown.number}, total ${shown.totals.total}`,
    );
  }

  /** A reconciliation statement of the customer's quarter so far, the demo invoices and payments in it. */
  async function reconciliation(ctx: CallContext, customerId: string) {
    const tenant = await deps.uow.run((s) => s.tenancy.getTenant(ctx.tenantId));
    const last = demoBillingMonth(deps.clock.now(), tenant!.timezone);
    const draft = await createDocument(deps, renderer, ctx, {
      type: 'reconciliation',
      customerId,
      periodStart: addMonths(last.start, -2),
      periodEnd: todayInZone(deps.clock.now(), tenant!.timezone),
    });
    const issued = await generateAndIssue(ctx, draft.id);
    progress(`demo: reconciliation statement ${issued.number} for customer ${customerId}`);
  }
}

/** The first day `months` months after a first-of-month date, shifted by `days`. */
function addMonths(firstOfMonth: string, months: number, days = 0): string {
  const [y, m] = firstOfMonth.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, 1 + days));
  return date.toISOString().slice(0, 10);
}
