import type { FieldError } from '../validation/field-error.ts';

/** The header values an operator can place in an XLSX template, each at one cell address. */
export const XLSX_FIELDS = [
  'number',
  'documentType',
  'issueDate',
  'dueDate',
  'periodStart',
  'periodEnd',
  'currency',
  'exchangeRate',
  'customerName',
  'customerAddress',
  'customerTaxId',
  'customerKpp',
  'senderName',
  'senderAddress',
  'senderTaxId',
  'senderKpp',
  'senderIban',
  'senderBic',
  'totalUsage',
  'totalDiscount',
  'totalFixedCosts',
  'totalNet',
  'totalTax',
  'total',
  'totalPaid',
  'totalOpen',
] as const;
export type XlsxField = (typeof XLSX_FIELDS)[number];

/** The columns a lines table can show. */
export const XLSX_LINE_FIELDS = [
  'position',
  'description',
  'destination',
  'quantity',
  'unit',
  'minutes',
  'unitPrice',
  'net',
  'taxRate',
  'tax',
  'gross',
] as const;
export type XlsxLineField = (typeof XLSX_LINE_FIELDS)[number];

/** Fields that are amounts of the document currency: numbers when "no currency names" is set. */
export const MONEY_FIELDS: ReadonlySet<string> = new Set([
  'totalUsage',
  'totalDiscount',
  'totalFixedCosts',
  'totalNet',
  'totalTax',
  'total',
  'totalPaid',
  'totalOpen',
  'unitPrice',
  'net',
  'tax',
  'gross',
]);

export interface XlsxMapping {
  /** The worksheet to fill; the first one when absent. */
  sheet?: string | undefined;
  /** Field → cell address ("B15"); an empty address leaves the value out. */
  cells: Partial<Record<XlsxField, string>>;
  /**
   * The lines as a table whose first row is `startRow`, one column letter per field. `insert` pushes
   * the rows below the table down (formulas below are adjusted); `fill` writes into a fixed area of
   * `maxRows` rows and refuses a document with more lines.
   */
  lines?:
    | {
        startRow: number;
        columns: Partial<Record<XlsxLineField, string>>;
        mode: 'insert' | 'fill';
        maxRows?: number | undefined;
      }
    | undefined;
  /** Amounts as plain numbers with the currency's decimals, rather than text such as "90.00 EUR". */
  noCurrencyNames: boolean;
}

/** Excel's limits: columns A..XFD (16384), rows 1..1048576. */
const MAX_COLUMN = 16384;
const MAX_ROW = 1048576;

export function columnNumber(letters: string): number | null {
  if (!/^[A-Z]{1,3}$/.test(letters)) return null;
  const n = [...letters].reduce((acc, ch) => acc * 26 + (ch.charCodeAt(0) - 64), 0);
  return n <= MAX_COLUMN ? n : null;
}

/** "AA9" → { column: 27, row: 9 }; null for anything outside the sheet ("ZZZZ0", "A0"). */
export function parseCellAddress(address: string): { column: number; row: number } | null {
  const match = /^([A-Z]{1,3})([1-9]\d{0,6})$/.exec(address.trim().toUpperCase());
  if (!match) return null;
  const column = columnNumber(match[1]!);
  const row = Number(match[2]);
  return column === null || row > MAX_ROW ? null : { column, row };
}

/**
 * Refuses an unusable mapping field by field: a malformed or out-of-sheet address
 * (`INVALID_CELL_ADDRESS`), two values in one cell (`CELL_TAKEN`), a table column that is not a
 * column letter, or a header cell inside the rows a `fill` table writes.
 */
export function validateXlsxMapping(mapping: XlsxMapping): FieldError[] {
  const errors: FieldError[] = [];
  const taken = new Map<string, string>();
  const claim = (cell: string, field: string) => {
    const other = taken.get(cell);
    if (other) errors.push({ field, code: 'CELL_TAKEN', message: `cell ${cell} already holds ${other}` });
    else taken.set(cell, field);
  };
  for (const [name, address] of Object.entries(mapping.cells)) {
    if (!address) continue;
    const field = `cells.${name}`;
    const cell = parseCellAddress(address);
    if (!cell) {
      errors.push({
        field,
        code: 'INVALID_CELL_ADDRESS',
        message: `${address} is not a cell of a worksheet (A1..XFD1048576)`,
      });
      continue;
    }
    claim(address.trim().toUpperCase(), field);
  }
  const lines = mapping.lines;
  if (lines) {
    if (!Number.isInteger(lines.startRow) || lines.startRow < 1 || lines.startRow > MAX_ROW)
      errors.push({ field: 'lines.startRow', code: 'INVALID_CELL_ADDRESS', message: 'a row from 1 to 1048576' });
    const rows = lines.mode === 'fill' ? (lines.maxRows ?? 0) : 1;
    if (lines.mode === 'fill' && (!Number.isInteger(rows) || rows < 1))
      errors.push({ field: 'lines.maxRows', code: 'REQUIRED', message: 'a fill table needs maxRows ≥ 1' });
    const usedColumns = new Map<string, string>();
    for (const [name, letters] of Object.entries(lines.columns)) {
      if (!letters) continue;
      const field = `lines.columns.${name}`;
      const column = letters.trim().toUpperCase();
      if (columnNumber(column) === null) {
        errors.push({ field, code: 'INVALID_CELL_ADDRESS', message: `${letters} is not a column (A..XFD)` });
        continue;
      }
      const other = usedColumns.get(column);
      if (other) errors.push({ field, code: 'CELL_TAKEN', message: `column ${column} already holds ${other}` });
      else usedColumns.set(column, field);
      for (let r = 0; r < Math.max(rows, 1); r++) {
        const cell = `${column}${lines.startRow + r}`;
        const header = taken.get(cell);
        if (header) errors.push({ field, code: 'CELL_TAKEN', message: `cell ${cell} already holds ${header}` });
      }
    }
  }
  return errors;
}

/**
 * Adjusts the A1 references of a formula after `count` rows were inserted below `afterRow`:
 * references to rows after it move down, and a range that ends on `afterRow` (a total such as
 * SUM(E15:E15) under a one-row table) grows to cover the inserted rows.
 */
export function shiftFormulaRows(formula: string, afterRow: number, count: number): string {
  if (count <= 0) return formula;
  // Quoted sheet names and strings are left alone; a reference is an optional $, letters, $, digits.
  return formula
    .replace(
      /("[^"]*")|(\$?[A-Z]{1,3}\$?)(\d+)(?![\d(])/g,
      (whole, quoted: string | undefined, col: string | undefined, row: string | undefined) => {
        if (quoted !== undefined || col === undefined || row === undefined) return whole;
        const n = Number(row);
        return n > afterRow ? `${col}${n + count}` : whole;
      },
    )
    .replace(
      /(\$?[A-Z]{1,3}\$?)(\d+):(\$?[A-Z]{1,3}\$?)(\d+)/g,
      (whole, c1: string, r1: string, c2: string, r2: string) =>
        Number(r2) === afterRow && Number(r1) <= afterRow ? `${c1}${r1}:${c2}${afterRow + count}` : whole,
    );
}
