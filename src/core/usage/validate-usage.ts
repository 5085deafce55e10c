import type { FieldResult, UsageErrorCode } from './fields.ts';
import { compareInstants, parseInstant, type ParsedInstant } from './instant.ts';
import {
  isAbsent,
  readBoolean,
  readCurrency,
  readDialledNumber,
  readDuration,
  readInstant,
  readPrice,
  readText,
} from './fields.ts';

/** A usage record as received: from JSON, or from a CSV row through a column mapping. */
export interface RawUsage {
  externalId?: unknown;
  source?: unknown;
  customerId?: unknown;
  accountCode?: unknown;
  startedAt?: unknown;
  durationSeconds?: unknown;
  direction?: unknown;
  external?: unknown;
  caller?: unknown;
  callee?: unknown;
  price?: unknown;
  currency?: unknown;
}

/** A valid usage record, ready to be stored; priceMicro null means "to be rated by us". */
export interface UsageCandidate {
  externalId: string;
  source: string;
  customerId: string | null;
  accountCode: string | null;
  /** ISO 8601 in UTC, e.g. 2018-10-05T10:00:00Z (fractional seconds kept when given). */
  startedAt: string;
  durationSeconds: number;
  direction: 'outbound' | 'inbound';
  external: boolean;
  caller: string;
  callee: string;
  priceMicro: number | null;
  currency: string | null;
}

export interface UsageError {
  field: keyof RawUsage;
  code: UsageErrorCode;
  message: string;
}

export interface UsageContext {
  /** The injected clock: records starting after this instant are refused. */
  now: string;
  /** Source used when the record names none (e.g. the importer's file or switch name). */
  defaultSource: string;
  isCurrency(code: string): boolean;
}

export type UsageValidation = { ok: true; value: UsageCandidate } | { ok: false; errors: UsageError[] };

const MAX_TEXT = 255;
const DIRECTIONS = new Set(['outbound', 'inbound']);

/**
 * Validates one usage record and maps it to a candidate. Every problem is reported, in field
 * order, so an importer can show a complete error per line. Pure: the clock comes from ctx.now.
 */
export function validateUsage(raw: RawUsage, ctx: UsageContext): UsageValidation {
  const errors: UsageError[] = [];
  function take<T>(field: keyof RawUsage, result: FieldResult<T>, fallback: T): T {
    if (result.ok) return result.value;
    errors.push({ field, code: result.code, message: result.message });
    return fallback;
  }
  function required<T>(field: keyof RawUsage, value: T | null): T | null {
    if (value === null && isAbsent(raw[field])) errors.push({ field, code: 'REQUIRED', message: 'is required' });
    return value;
  }

  const externalId = required('externalId', take('externalId', readText(raw.externalId, MAX_TEXT), null));
  const source = take('source', readText(raw.source, MAX_TEXT), null) ?? ctx.defaultSource;
  const customerId = take('customerId', readText(raw.customerId, MAX_TEXT), null);
  const accountCode = take('accountCode', readText(raw.accountCode, MAX_TEXT), null);
  const startedAt = required('startedAt', take('startedAt', readInstant(raw.startedAt), null));
  if (startedAt !== null && compareInstants(startedAt, parseNow(ctx.now)) > 0) {
    errors.push({ field: 'startedAt', code: 'FUTURE_TIMESTAMP', message: `must not be after ${ctx.now}` });
  }
  const durationSeconds = required('durationSeconds', take('durationSeconds', readDuration(raw.durationSeconds), null));
  const direction = take('direction', readDirection(raw.direction), null) ?? 'outbound';
  const external = take('external', readBoolean(raw.external), null) ?? true;
  const caller = required('caller', take('caller', readDialledNumber(raw.caller), null));
  const callee = required('callee', take('callee', readDialledNumber(raw.callee), null));
  const priceMicro = take('price', readPrice(raw.price), null);
  const currency = take('currency', readCurrency(raw.currency, ctx.isCurrency), null);
  if (isAbsent(raw.customerId) && isAbsent(raw.accountCode) && isAbsent(raw.caller)) {
    errors.push({
      field: 'customerId',
      code: 'NO_CUSTOMER_REFERENCE',
      message: 'one of customerId, accountCode or caller is needed to find the customer',
    });
  }

  if (
    errors.length > 0 ||
    externalId === null ||
    startedAt === null ||
    durationSeconds === null ||
    caller === null ||
    callee === null
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      externalId,
      source,
      customerId,
      accountCode,
      startedAt: startedAt.iso,
      durationSeconds,
      direction,
      external,
      caller,
      callee,
      priceMicro,
      currency,
    },
  };
}

function readDirection(value: unknown): FieldResult<'outbound' | 'inbound' | null> {
  if (isAbsent(value)) return { ok: true, value: null };
  const word = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (word === 'outbound' || word === 'inbound') return { ok: true, value: word };
  return { ok: false, code: 'INVALID_DIRECTION', message: `must be one of ${[...DIRECTIONS].join(', ')}` };
}

// Importers validate millions of records against one `now`; parse it once, not per record.
let cachedNow: { text: string; instant: ParsedInstant } | undefined;

function parseNow(now: string): ParsedInstant {
  if (cachedNow?.text !== now) {
    const instant = parseInstant(now);
    if (instant === undefined) throw new RangeError(`ctx.now is not an ISO 8601 instant: ${now}`);
    cachedNow = { text: now, instant };
  }
  return cachedNow.instant;
}
