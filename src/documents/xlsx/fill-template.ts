import type ExcelJS from 'exceljs';
import { excelJs } from './exceljs.ts';
import { parseCellAddress, shiftFormulaRows, columnNumber, type XlsxMapping } from '../../core/outputs/xlsx-mapping.ts';
import { xlsxCellValue, type XlsxCellValue, type XlsxSource } from '../../core/outputs/xlsx-values.ts';

/** A document that does not fit its template (more lines than a fixed table holds). */
export class XlsxFillError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const numberFormat = (decimals: number) => (decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0');

function write(cell: ExcelJS.Cell, value: XlsxCellValue) {
  if (value.kind === 'number') {
    cell.value = value.value;
    // The template's own format wins when it has one (a currency format the operator drew).
    if (!cell.numFmt || cell.numFmt === 'General') cell.numFmt = numberFormat(value.decimals);
  } else cell.value = value.text;
}

function formulaOf(cell: ExcelJS.Cell): string | null {
  const v = cell.value as { formula?: string; sharedFormula?: string } | null;
  return v && typeof v === 'object' && typeof v.formula === 'string' ? v.formula : null;
}

/** Rewrites every formula of the sheet; dropping the cached result makes the reader recompute it. */
function rewriteFormulas(sheet: ExcelJS.Worksheet, rewrite: (formula: string, row: number) => string) {
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      const formula = formulaOf(cell);
      if (formula !== null) cell.value = { formula: rewrite(formula, rowNumber) } as ExcelJS.CellFormulaValue;
    });
  });
}

/**
 * Fills an operator's XLSX template: header values at their cells, then the lines as a table. In
 * `insert` mode the table's first row is the styled model row: it is duplicated once per further
 * line (pushing the rows below down, styles copied), and formulas are adjusted so that a total
 * under the table sums every line. In `fill` mode the lines go into a fixed area and a document
 * with more lines than it holds is refused. Styles, merges, images and formulas of the template are
 * kept; the workbook asks its reader to recompute every formula on open.
 */
export async function fillXlsxTemplate(template: Buffer, mapping: XlsxMapping, source: XlsxSource): Promise<Buffer> {
  const workbook = new (await excelJs()).Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = mapping.sheet ? workbook.getWorksheet(mapping.sheet) : workbook.worksheets[0];
  if (!sheet) throw new XlsxFillError('XLSX_SHEET_MISSING', `the template has no worksheet ${mapping.sheet ?? ''}`);
  const value = (field: string, raw: string | null | undefined) =>
    xlsxCellValue(field, raw, source, mapping.noCurrencyNames);

  const table = mapping.lines;
  const extra = table && table.mode === 'insert' ? Math.max(source.lines.length - 1, 0) : 0;
  if (table && table.mode === 'fill' && source.lines.length > (table.maxRows ?? 0))
    throw new XlsxFillError(
      'XLSX_TABLE_FULL',
      `the document has ${source.lines.length} lines; the template's table holds ${table.maxRows ?? 0}`,
    );
  if (table && extra > 0) {
    sheet.duplicateRow(table.startRow, extra, true);
    const start = table.startRow;
    rewriteFormulas(sheet, (formula, row) =>
      // A formula of a table row points at its own row (=C15*D15 on row 17 becomes =C17*D17).
      row > start && row <= start + extra
        ? formula.replace(new RegExp(`(?<![$\\d])([A-Z]{1,3})${start}(?!\\d)`, 'g'), `$1${row}`)
        : shiftFormulaRows(formula, start, extra),
    );
  }
  // Header cells below the table moved down with their rows.
  for (const [field, address] of Object.entries(mapping.cells)) {
    if (!address) continue;
    const cell = parseCellAddress(address)!;
    const row = table && extra > 0 && cell.row > table.startRow ? cell.row + extra : cell.row;
    const v = value(field, source.header[field as keyof XlsxSource['header']]);
    if (v) write(sheet.getCell(row, cell.column), v);
  }
  if (table) {
    source.lines.forEach((line, index) => {
      for (const [field, letters] of Object.entries(table.columns)) {
        if (!letters) continue;
        const v = value(field, line[field as keyof typeof line]);
        if (v) write(sheet.getCell(table.startRow + index, columnNumber(letters.toUpperCase())!), v);
      }
    });
  }
  workbook.calcProperties.fullCalcOnLoad = true;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads a workbook far enough to know exceljs can open it; the message says why not. */
export async function readableXlsx(
  file: Buffer,
): Promise<{ ok: true; sheets: string[] } | { ok: false; message: string }> {
  try {
    const workbook = new (await excelJs()).Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    if (workbook.worksheets.length === 0) return { ok: false, message: 'the workbook has no worksheet' };
    return { ok: true, sheets: workbook.worksheets.map((w) => w.name) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
