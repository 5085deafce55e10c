import { z } from 'zod';
import { isCurrency } from '../../core/money/currency.ts';
import { DECIMAL_PATTERN, isDecimalString } from '../../core/money/decimal.ts';
import { isTimeZone } from '../../core/time/zones.ts';
import { isValidDate } from '../../core/time/dates.ts';
import type { Page } from '../../app/ports/audit.ts';
import { encodeCursor } from '../cursor.ts';

// Request fields refine with the domain's own checks (so a refusal carries its stable code); the
// metadata only documents the format in the OpenAPI document.

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const CURRENCY_PATTERN = '^[A-Z]{3}$';

export const timezone = z
  .string()
  .refine(isTimeZone, { message: 'unknown IANA time zone', params: { code: 'INVALID_TIMEZONE' } })
  .meta({ description: 'IANA time zone', examples: ['Europe/Madrid'] });
export const currency = z
  .string()
  .refine(isCurrency, { message: 'not an ISO 4217 currency code', params: { code: 'INVALID_CURRENCY' } })
  .meta({ description: 'ISO 4217 currency code', pattern: CURRENCY_PATTERN, examples: ['EUR'] });
export const isoDate = z
  .string()
  .refine(isValidDate, { message: 'must be a calendar date YYYY-MM-DD', params: { code: 'INVALID_DATE' } })
  .meta({ format: 'date', pattern: DATE_PATTERN });
export const decimal = z
  .string()
  .refine(isDecimalString, { message: 'must be a decimal string such as "12.30"', params: { code: 'NOT_A_DECIMAL' } })
  .meta({ pattern: DECIMAL_PATTERN.source, examples: ['12.30'] });
export const id = z.string().min(1).max(100);
/** A money amount or quantity that fits numeric(20,6): at most 14 integer digits and 6 decimals. */
export const amount = z
  .string()
  .refine((v) => /^-?\d{1,14}(\.\d{1,6})?$/.test(v), {
    message: 'must be a decimal string with at most 14 integer digits and 6 decimals',
    params: { code: 'NOT_A_DECIMAL' },
  })
  .meta({ pattern: '^-?\\d{1,14}(\\.\\d{1,6})?$', examples: ['45.00'] });
export const idParams = z.object({ id }).strict();

export const address = z
  .object({
    line1: z.string().max(200).optional(),
    line2: z.string().max(200).optional(),
    city: z.string().max(100).optional(),
    postalCode: z.string().max(20).optional(),
    region: z.string().max(100).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 country code')
      .optional(),
  })
  .strict()
  .meta({
    id: 'Address',
    description: 'A postal address; country is ISO 3166 alpha-2',
    examples: [{ line1: 'Gran Via 1', city: 'Madrid', postalCode: '28013', country: 'ES' }],
  });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50).meta({ description: 'Page size' }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'The nextCursor of the previous page, unchanged; omit for the first page' }),
};

// Response fields: what the API answers is already valid, so these only state the format.

/** A decimal amount in the currency's minor units, as a string (never a JSON number). */
export const Money = z
  .string()
  .regex(DECIMAL_PATTERN)
  .meta({
    id: 'Money',
    description: "A decimal amount as a string, rounded to the currency's minor units",
    examples: ['159.84'],
  });
/** A decimal that is not an amount of money (rates, quantities, percentages), as a string. */
export const Decimal = z
  .string()
  .regex(DECIMAL_PATTERN)
  .meta({ id: 'Decimal', description: 'A decimal number as a string', examples: ['0.045'] });
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .meta({ id: 'CurrencyCode', description: 'ISO 4217 currency code', examples: ['EUR'] });
export const TimeZone = z
  .string()
  .meta({ id: 'TimeZone', description: 'IANA time zone name', examples: ['Europe/Madrid'] });
/** A calendar date, YYYY-MM-DD. */
export const DateString = z.string().meta({ format: 'date', pattern: DATE_PATTERN, examples: ['2026-10-31'] });
/** An instant in UTC, ISO 8601. */
export const Instant = z.string().meta({ format: 'date-time', examples: ['2026-11-30T08:32:23.530Z'] });

/** A list page: the items and the cursor of the next page (null on the last one). */
export function listOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass as cursor to get the next page; null on the last page' }),
    })
    .meta({ id: name, description: `A page of ${item.meta()?.id ?? 'items'}` });
}

/** Cursors are opaque to clients: the position to continue after, encoded (see ../cursor.ts). */
export { decodeCursor } from '../cursor.ts';
export const toListResponse = <T>(page: Page<T>) => ({
  data: page.data,
  nextCursor: page.next ? encodeCursor(page.next) : null,
});
