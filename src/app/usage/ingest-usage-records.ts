import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { FieldError } from '../errors.ts';
import { invalid } from '../errors.ts';
import { UsageIngestor } from './usage-ingestor.ts';
import { jsonRow } from './import-rows.ts';
import { storeRejections } from './store-rejections.ts';

/** The JSON batch limit: large enough for a switch's minute of traffic, small enough for one request. */
export const MAX_BATCH_RECORDS = 10_000;

export interface BatchResult {
  accepted: number;
  duplicates: number;
  /** Accepted records per class (records that state direction and external are counted too). */
  classes: { outboundExternal: number; outboundInternal: number; inbound: number; ignored: number };
  /** Records a classification rule of their source skipped: not stored, not rejected. */
  ignored: Array<{ index: number; reason: string }>;
  rejected: Array<{ index: number; code: string; detail: string; errors: FieldError[] }>;
}

/**
 * Ingests one JSON batch in one transaction. Good records are stored (re-sent ones count as
 * duplicates), bad ones are answered with their index and reason and kept as open rejections.
 */
export async function ingestUsageRecords(
  deps: Deps,
  ctx: CallContext,
  records: unknown[],
  defaultSource = 'api',
): Promise<BatchResult> {
  if (records.length === 0 || records.length > MAX_BATCH_RECORDS) {
    throw invalid([
      { field: 'records', code: 'OUT_OF_RANGE', message: `send 1 to ${MAX_BATCH_RECORDS} records per batch` },
    ]);
  }
  const ingestor = await UsageIngestor.open(deps, ctx.tenantId, defaultSource);
  const prepared = ingestor.prepare(records.map(jsonRow));
  const outcome = await deps.uow.run(async (session) => {
    const result = await ingestor.write(session, prepared, null);
    await storeRejections(session, ctx.tenantId, null, result.rejected);
    return result;
  });
  return {
    accepted: outcome.accepted,
    duplicates: outcome.duplicates,
    classes: {
      outboundExternal: outcome.outboundExternal,
      outboundInternal: outcome.outboundInternal,
      inbound: outcome.inbound,
      ignored: outcome.ignored.length,
    },
    ignored: outcome.ignored.map((r) => ({ index: r.position, reason: r.reason })),
    rejected: outcome.rejected.map((r) => ({ index: r.position, code: r.code, detail: r.detail, errors: r.errors })),
  };
}
