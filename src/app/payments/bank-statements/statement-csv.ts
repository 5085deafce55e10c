import { parse } from 'csv-parse/sync';
import type { FieldError } from '../../errors.ts';
import { unreadable } from '../../errors.ts';
import { normaliseAmount, receivedInstant, type ParsedRow, type ParsedStatement } from './bank-row.ts';

/** The payment fields a CSV column can be mapped to. */
export const CSV_FIELDS = [
  'externalId',
  'amount',
  'currency',
  'date',
  'payer',
  'reference',
  'customerId',
  'accountCode',
  'iban',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
export type CsvMapping = Partial<Record<CsvField, string>>;

const REQUIRED: CsvField[] = ['externalId', 'amount', 'date'];

/** Reads `mapping` (an object or its JSON text): payment field → column name; unmapped fields use their own name. */
export function parseCsvMapping(mapping: unknown): CsvMapping {
  if (mapping === undefined || mapping === null || mapping === '') return {};
  let value: unknown = mapping;
  if (typeof mapping === 'string') {
    try {
      value = JSON.parse(mapping);
    } catch {
      value = undefined;
    }
  }
  const errors: FieldError[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw unreadable('INVALID_MAPPING', 'mapping must be a JSON object of payment field to column name', [
      { field: 'mapping', code: 'INVALID_MAPPING', message: 'e.g. {"externalId":"Bank ref","amount":"Credit"}' },
    ]);
  }
  const out: CsvMapping = {};
  for (const [field, column] of Object.entries(value)) {
    if (!(CSV_FIELDS as readonly string[]).includes(field))
      errors.push({ field: `mapping.${field}`, code: 'UNKNOWN_FIELD', message: `one of ${CSV_FIELDS.join(', ')}` });
    else if (typeof column !== 'string' || !column.trim())
      errors.push({ field: `mapping.${field}`, code: 'INVALID_MAPPING', message: 'must be a column name' });
    else out[field as CsvField] = column;
  }
  if (errors.length) throw unreadable('INVALID_MAPPING', 'the column mapping is not usable', errors);
  return out;
}

/** Banks export with commas, semicolons or tabs: the header line says which. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.indexOf('\n') >>> 0);
  const count = (c: string) => header.split(c).length;
  return [';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

/**
 * A bank statement exported as CSV: a header row, one credit per row. Columns are found through the
 * mapping (or carry the field's own name). A row without its reference, amount or date is reported
 * as its own problem; the file is refused whole only when a required column is missing.
 */
export function parseStatementCsv(
  text: string,
  mapping: CsvMapping,
  options: { timezone: string; currency: string },
): ParsedStatement {
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      delimiter: delimiterOf(text),
    });
  } catch (error) {
    throw unreadable('INVALID_CSV', `the CSV cannot be read: ${(error as Error).message}`, [
      { field: 'body', code: 'INVALID_CSV', message: 'a header row, then one payment per row' },
    ]);
  }
  const header = records.length ? Object.keys(records[0]!) : [];
  const column = (field: CsvField) => mapping[field] ?? field;
  const missing = REQUIRED.filter((f) => records.length && !header.includes(column(f)));
  if (missing.length)
    throw unreadable(
      'MISSING_COLUMN',
      `the CSV has no column for ${missing.join(', ')}`,
      missing.map((f) => ({
        field: `mapping.${f}`,
        code: 'MISSING_COLUMN',
        message: `no column "${column(f)}"; map it, e.g. {"${f}":"…"}`,
      })),
    );
  const cell = (r: Record<string, string>, field: CsvField) => {
    const v = r[column(field)];
    return v === undefined || v === '' ? null : v;
  };
  const rows: ParsedRow[] = records.map((r, i) => {
    const row = i + 1;
    const externalId = cell(r, 'externalId');
    if (!externalId)
      return {
        problem: { row, code: 'MISSING_REFERENCE', field: 'externalId', detail: 'the bank reference is empty' },
      };
    const date = cell(r, 'date');
    const receivedAt = date ? receivedInstant(date, options.timezone) : null;
    if (!receivedAt)
      return {
        problem: {
          row,
          code: 'INVALID_DATE',
          field: 'date',
          detail: `"${date ?? ''}" is not a date such as 2026-01-15`,
        },
      };
    return {
      ok: {
        row,
        externalId,
        amount: normaliseAmount(cell(r, 'amount') ?? ''),
        currency: (cell(r, 'currency') ?? options.currency).toUpperCase(),
        receivedAt,
        payer: cell(r, 'payer'),
        reference: cell(r, 'reference'),
        customerId: cell(r, 'customerId'),
        accountCode: cell(r, 'accountCode'),
        iban: cell(r, 'iban')?.replace(/\s/g, '').toUpperCase() ?? null,
      },
    };
  });
  return { rows, skipped: 0, account: null };
}
