import { createHash } from 'node:crypto';
import type { Session } from '../ports/session.ts';
import type { NewRejection } from '../ports/usage.ts';
import type { RowRejection } from './usage-ingestor.ts';

// Rejected rows are kept whole in usage_rejections so that they can be inspected and re-processed
// once the data or a customer mapping is fixed: nothing a source sends is ever dropped. The same
// bad row sent twice opens one rejection, not two (a hash of source and row, unique while open).

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** jsonb cannot hold a NUL or a lone surrogate; they become U+FFFD in the stored copy only. */
export function storable(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD');
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k) as string, storable(v)]));
  }
  return value;
}

export function rawHash(source: string | null, raw: unknown): string {
  return createHash('sha256')
    .update(`${source ?? ''}\n${JSON.stringify(raw) ?? 'undefined'}`)
    .digest('base64url');
}

export function toNewRejection(importId: string | null, r: RowRejection): NewRejection {
  const raw = storable(r.original ?? null);
  return {
    importId,
    source: r.source,
    line: r.position,
    raw,
    rawHash: rawHash(r.source, raw),
    code: r.code,
    detail: r.detail,
    errors: storable(r.errors) as NewRejection['errors'],
  };
}

export async function storeRejections(
  session: Session,
  tenantId: string,
  importId: string | null,
  rejected: readonly RowRejection[],
): Promise<void> {
  if (rejected.length)
    await session.usage.insertRejections(
      tenantId,
      rejected.map((r) => toNewRejection(importId, r)),
    );
}
