import type { EnDocument, EnProfile } from '../../core/einvoice/document.ts';
import type { XlsxMapping } from '../../core/outputs/xlsx-mapping.ts';
import type { XlsxSource } from '../../core/outputs/xlsx-values.ts';
import type { Readable } from 'node:stream';
import type { TableExport } from '../exports/list-exports.ts';
import type { AccountingBatch, AccountingFormat } from '../exports/accounting.ts';

export type XlsxInspection =
  { ok: true; sheets: string[] } | { ok: false; code: 'FILE_TOO_LARGE' | 'NOT_XLSX' | 'ZIP_BOMB'; message: string };

/** Writers of document outputs other than the PDF (the adapters live in src/documents). */
export interface OutputWriters {
  /** An EN 16931 e-invoice as UBL 2.1 XML (Invoice or CreditNote). */
  ubl(document: EnDocument, profile: EnProfile): string;
  /** Checks an uploaded template: size, ZIP structure (zip bombs), and that it opens as a workbook. */
  inspectXlsx(file: Buffer): Promise<XlsxInspection>;
  /** Fills a template; throws an error with a `code` when the document does not fit it. */
  fillXlsx(template: Buffer, mapping: XlsxMapping, source: XlsxSource): Promise<Buffer>;
  /** A list export as a stream of CSV or XLSX bytes, one page of rows in memory at a time. */
  table(format: 'csv' | 'xlsx', table: TableExport): Readable;
  /** The accounting export (CommerceML 2.10 for 1C, or CSV) of a period. */
  accounting(format: AccountingFormat, batch: AccountingBatch, generatedAt: string): string;
}
