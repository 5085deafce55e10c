import { parseNonNegativeMicro } from '../rating/micro-units.ts';
import { parseCallInstant, parseInstant, type ParsedInstant } from './instant.ts';

// Field readers for usage records. Input arrives as JSON (typed values) or CSV (strings only), so
// each reader accepts both spellings of a value and trims strings. A blank string counts as
// absent, because an empty CSV cell is how a file says "no value".

/** Stable, machine-readable error codes of usage validation (part of the public API). */
export const USAGE_ERROR_CODES = [
  'REQUIRED',
  'INVALID_TYPE',
  'TOO_LONG',
  'NEGATIVE_DURATION',
  'NOT_AN_INTEGER',
  'DURATION_TOO_LONG',
  'INVALID_TIMESTAMP',
  'FUTURE_TIMESTAMP',
  'INVALID_DIRECTION',
  'INVALID_BOOLEAN',
  'MALFORMED_NUMBER',
  'INVALID_PRICE',
  'INVALID_CURRENCY',
  'NO_CUSTOMER_REFERENCE',
] as const;

export type UsageErrorCode = (typeof USAGE_ERROR_CODES)[number];

export type FieldResult<T> = { ok: true; value: T } | { ok: false; code: UsageErrorCode; message: string };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T>(code: UsageErrorCode, message: string): FieldResult<T> => ({ ok: false, code, message });

/** 31 days: a longer call record is a broken one (switches close and split long calls). */
export const MAX_DURATION_SECONDS = 31 * 86_400;

/** Digits with an optional leading '+', 1 to 32 digits: E.164 allows 15, internal plans more. */
const DIALLED_NUMBER = /^\+?\d{1,32}$/;
const DECIMAL_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n']);

export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Free text such as ids; integers are accepted because JSON senders often use numeric ids. */
export function readText(value: unknown, maxLength: number): FieldResult<string | null> {
  if (isAbsent(value)) return ok(null);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return ok(String(value));
  if (typeof value !== 'string') return fail('INVALID_TYPE', 'must be a string');
  const text = value.trim();
  return text.length <= maxLength ? ok(text) : fail('TOO_LONG', `must be at most ${maxLength} characters`);
}

/** A whole number of seconds, from a JSON number or a CSV string such as "60" or "60.0". */
export function readDuration(value: unknown): FieldResult<number | null> {
  if (isAbsent(value)) return ok(null);
  let seconds: number;
  if (typeof value === 'number') {
    seconds = value;
  } else if (typeof value === 'string' && DECIMAL_NUMBER.test(value.trim())) {
    seconds = Number(value.trim());
  } else {
    return fail('NOT_AN_INTEGER', 'must be a whole number of seconds');
  }
  if (seconds < 0) return fail('NEGATIVE_DURATION', 'must not be negative');
  if (!Number.isSafeInteger(seconds)) return fail('NOT_AN_INTEGER', 'must be a whole number of seconds');
  if (seconds > MAX_DURATION_SECONDS)
    return fail(
      'DURATION_TOO_LONG',
      `must be at most ${MAX_DURATION_SECONDS} seconds (31 days); switches split longer calls`,
    );
  return ok(seconds === 0 ? 0 : seconds); // "-0" must not become a negative zero
}

export function readBoolean(value: unknown): FieldResult<boolean | null> {
  if (isAbsent(value)) return ok(null);
  if (typeof value === 'boolean') return ok(value);
  const word = typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : '';
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail('INVALID_BOOLEAN', 'must be true or false');
}

/** An ISO 8601 instant with an offset or Z; local times without an offset are ambiguous. */
export function readInstant(value: unknown): FieldResult<ParsedInstant | null> {
  if (isAbsent(value)) return ok(null);
  if (typeof value !== 'string') return fail('INVALID_TIMESTAMP', 'must be an ISO 8601 string');
  const text = value.trim();
  const parsed = parseCallInstant(text);
  if (parsed !== undefined) return ok(parsed);
  // Years beyond four digits (+010000, -000001) are valid ISO 8601 but no call happened then.
  if (parseInstant(text) !== undefined) return fail('INVALID_TIMESTAMP', 'must be between the years 0000 and 9999');
  return fail('INVALID_TIMESTAMP', 'must be an ISO 8601 instant with an offset or Z, e.g. 2018-10-05T10:00:00Z');
}

/** A caller or callee. Numbers are refused: a JSON number has already lost any leading zero. */
export function readDialledNumber(value: unknown): FieldResult<string | null> {
  if (isAbsent(value)) return ok(null);
  if (typeof value === 'string' && DIALLED_NUMBER.test(value.trim())) return ok(value.trim());
  return fail('MALFORMED_NUMBER', "must be 1-32 digits with an optional leading '+', as a string");
}

/**
 * A non-negative decimal with at most 6 decimals, as a string or a JSON number. A JSON number
 * is read from its shortest round-trip text, which is what the sender wrote (0.1 reads "0.1").
 */
export function readPrice(value: unknown): FieldResult<number | null> {
  if (isAbsent(value)) return ok(null);
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
  const micro = text === undefined ? undefined : parseNonNegativeMicro(text);
  if (micro === undefined) return fail('INVALID_PRICE', 'must be a non-negative decimal with at most 6 decimals');
  return ok(micro);
}

export function readCurrency(value: unknown, isCurrency: (code: string) => boolean): FieldResult<string | null> {
  if (isAbsent(value)) return ok(null);
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (/^[A-Z]{3}$/.test(code) && isCurrency(code)) return ok(code);
  return fail('INVALID_CURRENCY', 'must be a known ISO 4217 currency code');
}
