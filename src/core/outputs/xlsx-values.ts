import { MONEY_FIELDS, type XlsxField, type XlsxLineField } from './xlsx-mapping.ts';

/** A cell to write: text, or a number shown with a fixed count of decimals. */
export type XlsxCellValue = { kind: 'text'; text: string } | { kind: 'number'; value: number; decimals: number };

/** What an XLSX template is filled with: every value already formatted or rounded by the document. */
export interface XlsxSource {
  currency: string;
  /** The currency's minor units (ISO 4217). */
  decimals: number;
  header: Partial<Record<XlsxField, string | null>>;
  lines: Array<Partial<Record<XlsxLineField, string | null>>>;
}

const NUMERIC_LINE_FIELDS: ReadonlySet<string> = new Set([
  'position',
  'quantity',
  'minutes',
  'taxRate',
  'exchangeRate',
]);

/**
 * The cell value of one field. Amounts are text with the currency code ("90.00 EUR"), or — with
 * "no currency names" — numbers with the currency's decimals, so that formulas can use them.
 * Quantities, minutes and rates are always numbers; everything else is text. An absent value is
 * left out (null), so the template's own content of that cell stays.
 */
export function xlsxCellValue(
  field: string,
  raw: string | null | undefined,
  source: Pick<XlsxSource, 'currency' | 'decimals'>,
  noCurrencyNames: boolean,
): XlsxCellValue | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (MONEY_FIELDS.has(field)) {
    return noCurrencyNames
      ? { kind: 'number', value: Number(raw), decimals: source.decimals }
      : { kind: 'text', text: `${raw} ${source.currency}` };
  }
  if (NUMERIC_LINE_FIELDS.has(field) && /^-?\d+(\.\d+)?$/.test(raw)) {
    const decimals = raw.includes('.') ? raw.split('.')[1]!.length : 0;
    return { kind: 'number', value: Number(raw), decimals };
  }
  return { kind: 'text', text: raw };
}
