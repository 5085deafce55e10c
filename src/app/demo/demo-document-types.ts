import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import type { DocumentType } from '../ports/documents.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { createSequence } from '../documents/number-sequences.ts';
import { createDocument } from '../documents/create-document.ts';
import { requestGeneration } from '../documents/generate-document.ts';
import { issueDocument } from '../documents/issue-document.ts';
import { convertProforma } from '../documents/convert-proforma.ts';
import { getDocument, listDocuments } from '../documents/queries.ts';
import { demoBillingMonth } from './demo-data.ts';

/**
 * The demo's other document types: an act and a VAT invoice accompanying an issued demo invoice,
 * and a proforma for next month, issued and converted into an advance invoice (ADR 0010).
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
    // Next month's SIP trunk, as a subscription would schedule it (the charge log has no API yet).
    await deps.uow.run(async (s) => {
      const contract = (await s.contracts.list(ctx.tenantId, { kind: 'customer', customerId }, { limit: 1 })).data[0];
      const customer = await s.customers.get(ctx.tenantId, customerId);
      if (!contract || !customer) return;
      await s.charges.insertMany(ctx.tenantId, [
        {
          id: newId('chg'),
          customerId,
          contractId: contract.id,
          subscriptionId: null,
          productId: null,
          kind: 'scheduled',
          productKind: 'recurring',
          description: `SIP trunk, 10 channels (${start.slice(0, 7)})`,
          quantity: '1',
          unitPrice: '45.00',
          amount: '45.00',
          currency: customer.currency,
          taxRate: null,
          servicePeriodStart: start,
          servicePeriodEnd: end,
          date: null,
          billingDate: end,
          fullAmount: '45.00',
          activeDays: null,
          periodDays: null,
        },
      ]);
    });
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
}

/** The first day `months` months after a first-of-month date, shifted by `days`. */
function addMonths(firstOfMonth: string, months: number, days = 0): string {
  const [y, m] = firstOfMonth.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, 1 + days));
  return date.toISOString().slice(0, 10);
}
