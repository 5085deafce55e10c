import { createHash } from 'node:crypto';
import type { Session } from '../ports/session.ts';
import type { NewRejection } from '../ports/usage.ts';
import type { RowRejection } from './usage-ingestor.ts';
import { storable } from '../storable.ts';

// Rejected rows are kept whole in usage_rejections so that they can be inspected and re-processed
// once the data or a customer mapping is fixed: nothing a source sends is ever dropped. The same
// bad row sent twice opens one rejection, not two (a hash of source and row, unique while open).

export { storable };

export function rawHash(source: string | null, raw: unknown): string {
  return createHash('sha256')
    .update(`${source ?? ''}\n${JSON.stringify(raw) ?? 'undefined'}`)
    .digest('base64url');
}

export function toNewRejection(importId: string | null, r: RowRejection): NewRejection {
  // Every text that came from the row may hold what the row held (a source or a key with a NUL,
  // say), so each is made storable: one such row must never fail the batch that carries it.
  const raw = storable(r.original ?? null);
  const source = r.source === null ? null : (storable(r.source) as string);
  return {
    importId,
    source,
    line: r.position,
    raw,
    rawHash: rawHash(source, raw),
    code: storable(r.code) as string,
    detail: storable(r.detail) as string,
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
