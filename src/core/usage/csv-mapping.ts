import type { RawUsage } from './validate-usage.ts';

// Operators export usage from many switches and raters, each with its own CSV headers. A
// ColumnMapping names, per usage field, the header that holds it; the CSV parsing itself
// (quoting, encodings) stays with the importer, which hands us one record per row.

/** Usage field -> CSV header name. Fields left out are absent (validation applies defaults). */
export type ColumnMapping = Partial<Record<keyof RawUsage, string>>;

/** The usage fields a mapping may name, in the order errors and listings show them. */
export const USAGE_FIELDS: readonly (keyof RawUsage)[] = Object.freeze([
  'externalId',
  'source',
  'customerId',
  'accountCode',
  'startedAt',
  'durationSeconds',
  'direction',
  'external',
  'caller',
  'callee',
  'price',
  'currency',
]);

/**
 * Picks the mapped columns out of one parsed CSV record. Values are copied as they are (still
 * strings); trimming, defaults and checks belong to validateUsage. A header missing from the row
 * gives an absent field, so a mapping error shows up as REQUIRED on the fields it affects; use
 * missingColumns to refuse such a file up front instead.
 */
export function mapCsvRow(row: Readonly<Record<string, string>>, mapping: ColumnMapping): RawUsage {
  const raw: RawUsage = {};
  for (const field of USAGE_FIELDS) {
    const header = mapping[field];
    // Object.hasOwn: a header called "constructor" must not read the prototype.
    if (header !== undefined && Object.hasOwn(row, header)) raw[field] = row[header];
  }
  return raw;
}

/** The headers a mapping names that the file does not have, in mapping field order. */
export function missingColumns(headers: readonly string[], mapping: ColumnMapping): string[] {
  const present = new Set(headers);
  const missing: string[] = [];
  for (const field of USAGE_FIELDS) {
    const header = mapping[field];
    if (header !== undefined && !present.has(header) && !missing.includes(header)) missing.push(header);
  }
  return missing;
}
