import { z } from 'zod';
import { isCurrency } from '../../core/money/currency.ts';
import { isDecimalString } from '../../core/money/decimal.ts';
import { isTimeZone } from '../../core/time/zones.ts';
import { isValidDate } from '../../core/time/dates.ts';
import type { Page } from '../../app/ports/audit.ts';
import { encodeCursor } from '../cursor.ts';

export const timezone = z
  .string()
  .refine(isTimeZone, { message: 'unknown IANA time zone', params: { code: 'INVALID_TIMEZONE' } });
export const currency = z
  .string()
  .refine(isCurrency, { message: 'not an ISO 4217 currency code', params: { code: 'INVALID_CURRENCY' } });
export const isoDate = z
  .string()
  .refine(isValidDate, { message: 'must be a calendar date YYYY-MM-DD', params: { code: 'INVALID_DATE' } });
export const decimal = z
  .string()
  .refine(isDecimalString, { message: 'must be a decimal string such as "12.30"', params: { code: 'NOT_A_DECIMAL' } });
export const id = z.string().min(1).max(100);
/** A money amount or quantity that fits numeric(20,6): at most 14 integer digits and 6 decimals. */
export const amount = z.string().refine((v) => /^-?\d{1,14}(\.\d{1,6})?$/.test(v), {
  message: 'must be a decimal string with at most 14 integer digits and 6 decimals',
  params: { code: 'NOT_A_DECIMAL' },
});
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
  .strict();

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
};

/** Cursors are opaque to clients: the position to continue after, encoded (see ../cursor.ts). */
export { decodeCursor } from '../cursor.ts';
export const toListResponse = <T>(page: Page<T>) => ({
  data: page.data,
  nextCursor: page.next ? encodeCursor(page.next) : null,
});
