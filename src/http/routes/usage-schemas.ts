import { z } from 'zod';
import type { UsageRecord } from '../../app/ports/usage.ts';

// Schemas shared by the usage and rating routes. Strings refuse NUL: PostgreSQL text cannot hold
// it, and a request carrying one is the caller's error (400), not ours.

const noNul = (s: string) => !s.includes('\u0000');

export const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine(noNul, { message: 'must not contain NUL', params: { code: 'INVALID_VALUE' } });
export const safeId = text(100);
export const safeIdParams = z.object({ id: safeId }).strict();
export const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const optionalDate = z.string().max(10).nullable().optional();
export const instant = text(40);

/** Filters shared by listing, totals and unrated counts. */
export const usageFilterQuery = {
  customerId: safeId.optional(),
  from: instant.optional(),
  to: instant.optional(),
  direction: z.enum(['outbound', 'inbound']).optional(),
  external: flag.optional(),
  rated: flag.optional(),
  source: text(255).optional(),
  destination: text(40).optional(),
  documentId: safeId.optional(),
  importId: safeId.optional(),
};

/** A usage record as the API shows it: `destination` is the destination's name. */
export function presentRecord(r: UsageRecord) {
  return {
    id: r.id,
    externalId: r.externalId,
    source: r.source,
    customerId: r.customerId,
    startedAt: r.startedAt,
    durationSeconds: r.durationSeconds,
    billableSeconds: r.billableSeconds,
    direction: r.direction,
    external: r.external,
    caller: r.caller,
    callee: r.callee,
    destination: r.destinationName,
    destinationPrefix: r.destinationPrefix,
    price: r.price,
    currency: r.currency,
    rated: r.rated,
    preRated: r.preRated,
    unratedReason: r.unratedReason,
    ratePlanId: r.ratePlanId,
    classifiedBy: r.classifiedBy,
    cdrFields: r.cdrFields,
    documentId: r.documentId,
    importId: r.importId,
    createdAt: r.createdAt,
  };
}

/** Query parameters arrive as strings; a field sent twice arrives as an array and is refused. */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The body of a CSV upload; anything else (JSON, say) is a 415 the problem mapper reports. */
export function csvBody(body: unknown): string | Buffer {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  throw Object.assign(new Error('send the file as the request body with Content-Type text/csv'), {
    statusCode: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  });
}

/** A cursor as the list gave it; anything else (edited, truncated) is the caller's 400. */
export { decodeCursor as cursorOf } from '../cursor.ts';
