import type { CompiledRate, RateInput, RateIssue } from './compiled-rate.ts';
import { RateTableError } from './compiled-rate.ts';
import { normalizeNumber } from './dialled-number.ts';
import { parseNonNegativeMicro } from './micro-units.ts';
import { PrefixTable } from './prefix-table.ts';

/** Longest prefix we accept; dialled numbers are at most 32 digits (see core/usage). */
const MAX_PREFIX_DIGITS = 32;
/** A day: longer minimums or increments are certainly data-entry mistakes. */
const MAX_RULE_SECONDS = 86_400;

/**
 * Validates a rate plan and compiles it into a PrefixTable.
 *
 * Duplicate prefixes (after normalisation, so "+355" and "355" collide) are an error, not
 * "last wins": in an imported rate sheet a repeated prefix is almost always a mistake, and
 * silently billing with whichever row came last would hide it. All issues are collected and
 * thrown together as a RateTableError.
 */
export function compileRates(rates: readonly RateInput[]): PrefixTable {
  const issues: RateIssue[] = [];
  const compiled: CompiledRate[] = [];
  const firstIndexByPrefix = new Map<string, number>();
  rates.forEach((input, index) => {
    const rate = compileRate(input, index, issues);
    if (rate === undefined) return;
    const earlier = firstIndexByPrefix.get(rate.prefix);
    if (earlier !== undefined) {
      issues.push({
        index,
        field: 'prefix',
        code: 'DUPLICATE_PREFIX',
        message: `prefix ${rate.prefix} already defined by row ${earlier}`,
      });
      return;
    }
    firstIndexByPrefix.set(rate.prefix, index);
    compiled.push(rate);
  });
  if (issues.length > 0) throw new RateTableError(issues);
  return new PrefixTable(compiled);
}

function compileRate(input: RateInput, index: number, issues: RateIssue[]): CompiledRate | undefined {
  let prefix = typeof input.prefix === 'string' ? normalizeNumber(input.prefix) : undefined;
  if (prefix === undefined || prefix.length > MAX_PREFIX_DIGITS) {
    prefix = undefined;
    issues.push({ index, field: 'prefix', code: 'INVALID_PREFIX', message: `must be 1-${MAX_PREFIX_DIGITS} digits` });
  }
  const pricePerMinuteMicro = amount(input, 'pricePerMinute', index, issues);
  const connectionFeeMicro = amount(input, 'connectionFee', index, issues);
  const minimumSeconds = seconds(input, 'minimumSeconds', 0, index, issues);
  const incrementSeconds = seconds(input, 'incrementSeconds', 1, index, issues);
  const name: unknown = input.destinationName;
  const nameValid = name === undefined || name === null || typeof name === 'string';
  if (!nameValid) {
    issues.push({ index, field: 'destinationName', code: 'INVALID_NAME', message: 'must be a string or null' });
  }
  if (
    prefix === undefined ||
    pricePerMinuteMicro === undefined ||
    connectionFeeMicro === undefined ||
    minimumSeconds === undefined ||
    incrementSeconds === undefined ||
    !nameValid
  ) {
    return undefined;
  }
  // Blank names become null so that invoice lines fall back to the prefix consistently.
  const trimmed = typeof name === 'string' ? name.trim() : '';
  return Object.freeze({
    prefix,
    pricePerMinuteMicro,
    connectionFeeMicro,
    minimumSeconds,
    incrementSeconds,
    destinationName: trimmed === '' ? null : trimmed,
  });
}

function amount(
  input: RateInput,
  field: 'pricePerMinute' | 'connectionFee',
  index: number,
  issues: RateIssue[],
): number | undefined {
  const text = input[field];
  const micro = typeof text === 'string' ? parseNonNegativeMicro(text) : undefined;
  if (micro === undefined) {
    issues.push({
      index,
      field,
      code: 'INVALID_AMOUNT',
      message: 'must be a non-negative decimal string with at most 6 decimals',
    });
  }
  return micro;
}

function seconds(
  input: RateInput,
  field: 'minimumSeconds' | 'incrementSeconds',
  least: number,
  index: number,
  issues: RateIssue[],
): number | undefined {
  const value = input[field];
  if (Number.isInteger(value) && value >= least && value <= MAX_RULE_SECONDS) return value;
  issues.push({
    index,
    field,
    code: 'INVALID_SECONDS',
    message: `must be an integer from ${least} to ${MAX_RULE_SECONDS}`,
  });
  return undefined;
}
