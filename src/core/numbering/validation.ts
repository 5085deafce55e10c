import { SEQUENCE_RESETS, SEQUENCE_TOKENS, type SequenceFormat } from './sequence.ts';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

const MAX_PADDING = 20;
const MAX_PREFIX_LENGTH = 50;

function checkInteger(errors: FieldError[], field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    errors.push({ field, code: 'NOT_AN_INTEGER', message: `${field} must be an integer` });
  } else if (value < min || value > max) {
    const bound = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    errors.push({ field, code: 'OUT_OF_RANGE', message: `${field} must be ${bound}` });
  }
}

function checkPattern(errors: FieldError[], pattern: unknown): void {
  if (pattern === null || pattern === undefined || pattern === '') return;
  if (typeof pattern !== 'string') {
    errors.push({ field: 'pattern', code: 'INVALID_VALUE', message: 'pattern must be a string' });
    return;
  }
  if (!pattern.includes('{SEQ}')) {
    errors.push({ field: 'pattern', code: 'MISSING_SEQ', message: 'pattern must contain {SEQ}' });
  }
  // Braced words that are not tokens are almost always typos ({YYY}, {seq}); they would be printed
  // literally on every document of the series, which cannot be undone once issued.
  const known = new Set<string>(SEQUENCE_TOKENS);
  const unknown = [...pattern.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]).filter((t) => !known.has(t));
  if (unknown.length > 0) {
    const list = unknown.map((t) => `{${t}}`).join(', ');
    errors.push({
      field: 'pattern',
      code: 'UNKNOWN_TOKEN',
      message: `unknown token(s) ${list}; use ${SEQUENCE_TOKENS.map((t) => `{${t}}`).join(' ')}`,
    });
  }
}

/**
 * Field errors for a sequence format; an empty array means it can be saved. Values arrive from the
 * API, so the checks do not trust the static types.
 */
export function validateFormat(format: SequenceFormat): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof format.prefix !== 'string') {
    errors.push({ field: 'prefix', code: 'INVALID_VALUE', message: 'prefix must be a string' });
  } else if (format.prefix.length > MAX_PREFIX_LENGTH) {
    errors.push({
      field: 'prefix',
      code: 'TOO_LONG',
      message: `prefix must be at most ${MAX_PREFIX_LENGTH} characters`,
    });
  }
  checkInteger(errors, 'padding', format.padding, 0, MAX_PADDING);
  checkInteger(errors, 'increment', format.increment, 1, Number.MAX_SAFE_INTEGER);
  checkInteger(errors, 'start', format.start, 0, Number.MAX_SAFE_INTEGER);
  if (!(SEQUENCE_RESETS as readonly unknown[]).includes(format.reset)) {
    errors.push({
      field: 'reset',
      code: 'INVALID_VALUE',
      message: `reset must be one of ${SEQUENCE_RESETS.join(', ')}`,
    });
  }
  checkPattern(errors, format.pattern);
  checkResetVisible(errors, format);
  return errors;
}

/**
 * A counter that restarts every year (month) prints the same numbers again unless the year (and
 * month) are part of the number, and an invoice number must never repeat.
 */
function checkResetVisible(errors: FieldError[], format: SequenceFormat): void {
  const pattern = typeof format.pattern === 'string' ? format.pattern : '';
  const hasYear = pattern.includes('{YYYY}') || pattern.includes('{YY}');
  if (format.reset === 'yearly' && !hasYear) {
    errors.push({
      field: 'pattern',
      code: 'RESET_NOT_IN_NUMBER',
      message: 'a yearly reset needs {YYYY} or {YY} in the pattern, or numbers repeat every year',
    });
  }
  if (format.reset === 'monthly' && !(hasYear && pattern.includes('{MM}'))) {
    errors.push({
      field: 'pattern',
      code: 'RESET_NOT_IN_NUMBER',
      message: 'a monthly reset needs the year and {MM} in the pattern, or numbers repeat every month',
    });
  }
}
