import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { OutputWriters } from '../ports/outputs.ts';
import type { XlsxMapping } from '../../core/outputs/xlsx-mapping.ts';
import { activateXlsxTemplate, setXlsxMapping, uploadXlsxTemplate } from '../documents/xlsx-templates.ts';
import { documentXlsx } from '../documents/document-xlsx.ts';
import { documentEInvoice } from '../documents/einvoice.ts';
import { listDocuments } from '../documents/queries.ts';
import { exportPayments } from '../exports/list-exports.ts';
import { accountingBatch } from '../exports/accounting.ts';
import { addDays } from '../../core/time/dates.ts';

/**
 * The demo's outputs: the operator's own XLSX invoice template (uploaded, mapped, active for the
 * invoices already issued), and what each issued invoice looks like as XLSX and as an e-invoice.
 */
export function demoOutputsStep(
  deps: Deps,
  writers: OutputWriters,
  sampleTemplate: () => Promise<{ file: Buffer; mapping: XlsxMapping }>,
  progress: (line: string) => void,
) {
  return async (ctx: CallContext) => {
    const { file, mapping } = await sampleTemplate();
    const template = await uploadXlsxTemplate(deps, writers, ctx, {
      name: 'Costa Telecom invoice (spreadsheet)',
      documentType: 'invoice',
      file,
    });
    await setXlsxMapping(deps, ctx, template.id, mapping);
    await activateXlsxTemplate(deps, ctx, template.id, true);
    progress(`demo: XLSX invoice template ${template.id} active (cells B3…F15, lines from row 12)`);
    const issued = await listDocuments(deps, ctx, { type: 'invoice', status: 'issued' }, { limit: 100 });
    for (const doc of issued.data) {
      const xlsx = await documentXlsx(deps, writers, ctx, doc.id);
      try {
        const { profile } = await documentEInvoice(deps, ctx, doc.id, 'auto');
        progress(`demo: ${doc.number}: XLSX ${xlsx.content.length} bytes, e-invoice ${profile}`);
      } catch (error) {
        progress(`demo: ${doc.number}: XLSX ${xlsx.content.length} bytes, no e-invoice (${(error as Error).message})`);
      }
    }
  };
}

/**
 * The demo's exports, after its payments exist: the payments list export and the accounting export
 * of the last year (documents and payments for 1C), summarised by their row counts.
 */
export function demoExportsStep(deps: Deps, progress: (line: string) => void) {
  return async (ctx: CallContext) => {
    let rows = 0;
    for await (const page of exportPayments(deps, ctx, {}).pages) rows += page.length;
    const to = deps.clock.now().toString().slice(0, 10);
    const { batch } = await accountingBatch(deps, ctx, { from: addDays(to, -365), to, format: 'commerceml' });
    progress(
      `demo: exports: ${rows} payments in GET /exports/payments; accounting ${batch.from}…${batch.to}: ` +
        `${batch.documents.length} documents and ${batch.payments.length} payments (GET /exports/accounting)`,
    );
  };
}
