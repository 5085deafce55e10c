import type { OutputWriters } from '../app/ports/outputs.ts';
import { toUbl } from './einvoice/ubl.ts';
import { fillXlsxTemplate, readableXlsx } from './xlsx/fill-template.ts';
import { inspectZip } from './xlsx/zip-guard.ts';
import { csvTable, xlsxTable } from './exports/table-stream.ts';
import { accountingFile } from './exports/accounting.ts';

/** The output writers main.ts wires into the routes and jobs. */
export const outputWriters: OutputWriters = {
  ubl: toUbl,
  async inspectXlsx(file) {
    const zip = inspectZip(file);
    if (!zip.ok) return zip;
    const read = await readableXlsx(file);
    return read.ok ? read : { ok: false, code: 'NOT_XLSX', message: read.message };
  },
  fillXlsx: fillXlsxTemplate,
  accounting: accountingFile,
  table: (format, t) => (format === 'csv' ? csvTable(t.columns, t.pages) : xlsxTable(t.name, t.columns, t.pages)),
};
