import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { SourceWatermark } from '../ports/usage.ts';
import { invalid, refused } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { compareInstants, parseCallInstant as parseInstant } from '../../core/usage/instant.ts';

// A source (a switch, a rater) may declare "every record up to T has been delivered". Invoicing
// a period that ends after T for such a source would bill an incomplete month, so invoicing asks
// lateSources first. A source that never sets a watermark is not gated.

export function checkSourceName(source: string): string {
  const name = source.trim();
  if (!name || name.length > 255 || name.includes('\u0000'))
    throw invalid([{ field: 'source', code: 'INVALID_SOURCE', message: 'a source name is 1-255 characters' }]);
  return name;
}

export async function setWatermark(
  deps: Deps,
  ctx: CallContext,
  source: string,
  watermark: string,
): Promise<SourceWatermark> {
  const name = checkSourceName(source);
  const at = parseInstant(watermark);
  if (!at)
    throw invalid([
      {
        field: 'watermark',
        code: 'INVALID_TIMESTAMP',
        message: 'must be an ISO 8601 instant such as 2018-11-01T00:00:00Z',
      },
    ]);
  const now = parseInstant(deps.clock.now().toString())!;
  // A source cannot have delivered calls that have not happened yet.
  if (compareInstants(at, now) > 0)
    throw refused('FUTURE_WATERMARK', `the watermark ${at.iso} is after now (${now.iso})`, { field: 'watermark' });
  return deps.uow.run(async (session) => {
    const before = await session.usage.getWatermark(ctx.tenantId, name);
    const after = await session.usage.setWatermark(ctx.tenantId, name, at.iso);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'usage_source',
      objectId: name,
      action: before ? 'watermark_updated' : 'watermark_set',
      before,
      after,
    });
    return after;
  });
}

/** Every source that sent records, keeps a watermark or has classification settings, with its watermark (null when none). */
export function listSources(deps: Deps, ctx: CallContext): Promise<SourceWatermark[]> {
  return deps.uow.run((s) => s.usage.listSources(ctx.tenantId));
}

/**
 * The consistency gate for invoicing: sources whose watermark is before `until` (the exclusive
 * end instant of the period to invoice). Call it inside the invoicing transaction with
 * lateSourcesIn, or on its own with lateSources.
 */
export function lateSourcesIn(
  session: Session,
  tenantId: string,
  until: string,
): Promise<Array<{ source: string; watermark: string }>> {
  return session.usage.lateSources(tenantId, until);
}

export function lateSources(
  deps: Deps,
  tenantId: string,
  until: string,
): Promise<Array<{ source: string; watermark: string }>> {
  return deps.uow.run((s) => lateSourcesIn(s, tenantId, until));
}
