import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { unreadable } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { checkClassifySettings, defaultSettings, type ClassifySettings } from '../../core/usage/index.ts';
import { checkSourceName } from './source-watermarks.ts';
import { regexVerdict } from './regex-safety.ts';

// A usage source's classification settings: the format its rows come in, the callee length that
// marks an extension, and ordered rules. A source without settings uses the documented default.

export interface SourceView extends ClassifySettings {
  source: string;
  /** false while the source uses the defaults (no settings were ever saved). */
  configured: boolean;
  watermark: string | null;
  updatedAt: string | null;
}

export async function getSourceSettings(deps: Deps, ctx: CallContext, source: string): Promise<SourceView> {
  const name = checkSourceName(source);
  // One statement after the other: a transaction's connection runs one at a time anyway.
  const [settings, watermark] = await deps.uow.run(
    async (s) =>
      [await s.usage.getSourceSettings(ctx.tenantId, name), await s.usage.getWatermark(ctx.tenantId, name)] as const,
  );
  const base = settings ?? defaultSettings();
  return {
    source: name,
    format: base.format,
    internalMaxDigits: base.internalMaxDigits,
    rules: base.rules,
    configured: settings !== null,
    watermark: watermark?.watermark ?? null,
    updatedAt: settings?.updatedAt ?? null,
  };
}

/**
 * Replaces a source's settings. Every rule is checked first (field of the format, pattern, regular
 * expression syntax and safety, outcome); one bad rule stores nothing. The new rules apply to rows
 * ingested from now on; stored records change only through a reclassification.
 */
export async function putSourceSettings(
  deps: Deps,
  ctx: CallContext,
  source: string,
  body: unknown,
): Promise<SourceView> {
  const name = checkSourceName(source);
  const checked = checkClassifySettings(body, regexVerdict);
  if (!checked.ok) {
    const first = checked.errors[0];
    throw unreadable(
      'INVALID_CLASSIFICATION_RULES',
      `the settings of source ${name} were not saved: ${first.field} ${first.message}${checked.errors.length > 1 ? ` (and ${checked.errors.length - 1} more)` : ''}`,
      checked.errors,
    );
  }
  await deps.uow.run(async (session) => {
    const before = await session.usage.getSourceSettings(ctx.tenantId, name);
    const after = await session.usage.putSourceSettings(ctx.tenantId, name, checked.value);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'usage_source',
      objectId: name,
      action: before ? 'classification_updated' : 'classification_set',
      before,
      after,
    });
  });
  return getSourceSettings(deps, ctx, name);
}
