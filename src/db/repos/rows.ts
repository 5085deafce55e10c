import { Temporal } from 'temporal-polyfill';

const pgTimestamp = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}(:\d{2})?$/;

/** PostgreSQL's text form of a timestamptz as the API's ISO 8601 UTC form ("…T…Z"). */
export function isoTimestamp(value: string): string {
  // The session runs in UTC, so almost every value is already UTC ("…+00"): rewritten by hand,
  // because a Temporal round trip per value is most of the CPU of a million-row export.
  const utc = pgUtc.exec(value);
  if (utc) return `${utc[1]}T${utc[2]}${utc[3]?.replace(/\.?0+$/, '') ?? ''}Z`;
  return Temporal.Instant.from(value.replace(' ', 'T')).toString();
}

const pgUtc = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?\+00(?::00)?$/;

// Timestamp columns are named …At (createdAt, issuedAt …), `at` or `watermark`; user text that
// merely looks like a timestamp (a name, a number) is left alone.
const timestampKey = /(^at$|At$|^watermark$)/;

/** Rewrites the timestamptz columns of a row into ISO 8601 UTC. */
export function withIsoTimestamps<T extends object>(row: T): T {
  const out = { ...row } as Record<string, unknown>;
  for (const [key, value] of Object.entries(out)) {
    if (timestampKey.test(key) && typeof value === 'string' && pgTimestamp.test(value)) out[key] = isoTimestamp(value);
  }
  return out as T;
}

/** numeric(20,6) comes back as "20.000000"; the catalog shows "20.00"-style values without the padding. */
export function trimDecimal(v: string): string {
  return v.includes('.')
    ? v
        .replace(/0+$/, '')
        .replace(/\.$/, '.00')
        .replace(/\.(\d)$/, '.$10')
    : v;
}
