import type { FieldError } from '../errors.ts';
import type { RateInputRow } from '../ports/rating.ts';
import { unreadable } from '../errors.ts';
import { RateTableError, compileRates, normalizeNumber } from '../../core/rating/index.ts';
import { readCsv } from './csv-records.ts';
import { checkName, checkPrefix } from './manage-destinations.ts';

// Rate sheets and destination lists arrive as CSV with tens of thousands of prefixes. Columns are
// found by header name (case, spaces, '_' and '-' ignored, common aliases accepted); each bad row
// is reported with its line and reason and the good rows are kept.

export interface CatalogRejection {
  line: number;
  code: string;
  detail: string;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const ALIASES: Record<string, string[]> = {
  prefix: ['prefix', 'code', 'dialcode'],
  name: ['name', 'destination', 'destinationname', 'description'],
  pricePerMinute: ['priceperminute', 'price', 'rate', 'perminute'],
  connectionFee: ['connectionfee', 'connectfee', 'setupfee', 'connection'],
  minimumSeconds: ['minimumseconds', 'minimum', 'minseconds', 'min'],
  incrementSeconds: ['incrementseconds', 'increment', 'billingincrement', 'step'],
};

function columnsOf(
  text: string,
  required: string[],
): { records: ReturnType<typeof readCsv>; index: Record<string, number> } {
  const records = readCsv(text);
  const header = records.shift();
  if (!header?.fields) throw unreadable('MISSING_HEADER', 'the CSV needs a header row naming its columns');
  const names = header.fields.map(squash);
  const index: Record<string, number> = {};
  for (const [field, aliases] of Object.entries(ALIASES)) {
    const at = names.findIndex((n) => aliases.includes(n));
    if (at >= 0) index[field] = at;
  }
  const missing = required.filter((f) => index[f] === undefined);
  if (missing.length) {
    const errors: FieldError[] = missing.map((f) => ({
      field: f,
      code: 'MISSING_COLUMN',
      message: `no column for ${f} (accepted headers: ${ALIASES[f].join(', ')})`,
    }));
    throw unreadable('MISSING_COLUMNS', `the CSV lacks the column(s) ${missing.join(', ')}`, errors, {
      header: header.fields,
    });
  }
  return { records, index };
}

function unreadableRow(record: ReturnType<typeof readCsv>[number]): CatalogRejection | null {
  if (!record.fields) return { line: record.line, code: 'CSV_SYNTAX', detail: record.error ?? 'malformed line' };
  if (record.text.includes('\uFFFD'))
    return { line: record.line, code: 'INVALID_ENCODING', detail: 'the line holds bytes that are not valid UTF-8' };
  return null;
}

export function parseDestinationsCsv(text: string): {
  rows: Array<{ line: number; prefix: string; name: string }>;
  rejected: CatalogRejection[];
} {
  const { records, index } = columnsOf(text, ['prefix', 'name']);
  const rows: Array<{ line: number; prefix: string; name: string }> = [];
  const rejected: CatalogRejection[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const bad = unreadableRow(record);
    if (bad) {
      rejected.push(bad);
      continue;
    }
    const errors: FieldError[] = [];
    const prefix = checkPrefix(record.fields![index.prefix], 'prefix', errors);
    const name = checkName(record.fields![index.name], 'name', errors);
    if (errors.length) {
      rejected.push({
        line: record.line,
        code: errors[0].code,
        detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      });
      continue;
    }
    const first = seen.get(prefix!);
    if (first !== undefined) {
      rejected.push({
        line: record.line,
        code: 'DUPLICATE_PREFIX',
        detail: `prefix ${prefix} is already on line ${first}`,
      });
      continue;
    }
    seen.set(prefix!, record.line);
    rows.push({ line: record.line, prefix: prefix!, name: name! });
  }
  return { rows, rejected };
}

export interface RateSheetRow {
  line: number;
  rate: RateInputRow;
  name: string | null;
}

/** Defaults for what a rate sheet leaves out: no connection fee, no minimum, per-second billing. */
export function withRateDefaults(r: {
  prefix: string;
  pricePerMinute: string;
  connectionFee?: string | undefined;
  minimumSeconds?: number | undefined;
  incrementSeconds?: number | undefined;
}): RateInputRow {
  return {
    prefix: r.prefix,
    pricePerMinute: r.pricePerMinute,
    connectionFee: r.connectionFee ?? '0',
    minimumSeconds: r.minimumSeconds ?? 0,
    incrementSeconds: r.incrementSeconds ?? 1,
  };
}

/** Validates rates with core/rating's rules; returns the issues per input index. */
export function rateIssues(rates: readonly RateInputRow[]): Map<number, FieldError[]> {
  const issues = new Map<number, FieldError[]>();
  try {
    compileRates(rates);
  } catch (error) {
    if (!(error instanceof RateTableError)) throw error;
    for (const issue of error.issues) {
      issues.set(issue.index, [
        ...(issues.get(issue.index) ?? []),
        { field: issue.field, code: issue.code, message: issue.message },
      ]);
    }
  }
  return issues;
}

const seconds = (text: string | undefined) =>
  text === undefined || text.trim() === '' ? undefined : /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
const amount = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : text.trim());

export function parseRatesCsv(text: string): { rows: RateSheetRow[]; rejected: CatalogRejection[] } {
  const { records, index } = columnsOf(text, ['prefix', 'pricePerMinute']);
  const candidates: RateSheetRow[] = [];
  const rejected: CatalogRejection[] = [];
  for (const record of records) {
    const bad = unreadableRow(record);
    if (bad) {
      rejected.push(bad);
      continue;
    }
    const f = record.fields!;
    const at = (field: string) => (index[field] === undefined ? undefined : f[index[field]]);
    const name = at('name')?.trim() || null;
    const nameErrors: FieldError[] = [];
    if (name !== null && checkName(name, 'name', nameErrors) === null) {
      rejected.push({ line: record.line, code: nameErrors[0].code, detail: `name: ${nameErrors[0].message}` });
      continue;
    }
    candidates.push({
      line: record.line,
      name,
      rate: withRateDefaults({
        prefix: at('prefix') ?? '',
        pricePerMinute: amount(at('pricePerMinute')) ?? '',
        connectionFee: amount(at('connectionFee')),
        minimumSeconds: seconds(at('minimumSeconds')),
        incrementSeconds: seconds(at('incrementSeconds')),
      }),
    });
  }
  const issues = rateIssues(candidates.map((c) => c.rate));
  const rows = candidates
    .filter((c, i) => {
      const found = issues.get(i);
      if (found)
        rejected.push({
          line: c.line,
          code: found[0].code,
          detail: found.map((e) => `${e.field}: ${e.message}`).join('; '),
        });
      return !found;
    })
    .map((c) => ({ ...c, rate: { ...c.rate, prefix: normalizeNumber(c.rate.prefix)! } }));
  rejected.sort((a, b) => a.line - b.line);
  return { rows, rejected };
}
