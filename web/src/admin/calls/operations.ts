import { HttpError } from 'react-admin';
import { api, type Schemas } from '../../api/client.ts';
import { unwrap } from '../../api/problems.ts';
import { byId, q, type QueryOf, type ResourceApi } from './common.ts';

export type UsageSource = Schemas['UsageSource'];
export type SourceWatermark = Schemas['SourceWatermark'];
export type ReclassifyResult = Schemas['ReclassifyResult'];
export type UsageTotals = Schemas['UsageTotals'];
export type WebhookEvent = Schemas['WebhookEvent'];
export type WebhookEventWithDeliveries = Schemas['WebhookEventWithDeliveries'];
export type DocumentTotals = Schemas['DocumentTotalsReport'];

type StoredRule = UsageSource['rules'][number];

/**
 * In the form a rule has one outcome instead of the API's direction + external or ignore + reason:
 * every choice offered is then a complete one.
 */
export type Outcome = 'outbound_external' | 'outbound_internal' | 'inbound_external' | 'inbound_internal' | 'ignore';
export type RuleInput = {
  field: string;
  match: StoredRule['match'];
  pattern: string;
  outcome: Outcome;
  reason?: string;
};

const outcomeOf = (r: StoredRule): Outcome =>
  r.ignore ? 'ignore' : (`${r.direction ?? 'outbound'}_${r.external === false ? 'internal' : 'external'}` as Outcome);

function ruleOf({ field, match, pattern, outcome, reason }: RuleInput) {
  if (outcome === 'ignore') return { field, match, pattern, ignore: true, reason: reason ?? '' };
  const [direction, reach] = outcome.split('_') as ['outbound' | 'inbound', string];
  return { field, match, pattern, direction, external: reach === 'external' };
}

/**
 * The API names a rule's problem `rules[2].pattern`; the form's input is `rules.2.pattern`, and the
 * form has one outcome input where the API has direction, external and ignore.
 */
function ruleErrors(error: unknown): never {
  if (error instanceof HttpError) {
    const body = error.body as { errors?: Record<string, string> };
    const errors: Record<string, string> = {};
    for (const [field, message] of Object.entries(body?.errors ?? {})) {
      const path = field.replace(/\[(\d+)\]/g, '.$1').replace(/\.(direction|external|ignore)$/, '.outcome');
      errors[path] = errors[path] ? `${errors[path]}; ${message}` : message;
    }
    throw new HttpError(error.message, error.status, { ...body, errors });
  }
  throw error;
}

/** The days of a form as the instants the API takes: `to` is exclusive, so the day after the last. */
export function daysToInstants({ fromDay, toDay }: Record<string, unknown>) {
  const next = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    ...(fromDay ? { from: `${String(fromDay)}T00:00:00Z` } : {}),
    ...(toDay ? { to: next(String(toDay)) } : {}),
  };
}

/** Sources of usage, named by the source (it is their id), with their watermark and classification rules. */
export const usageSources: ResourceApi = {
  list: async () => {
    const answer = await unwrap(api.GET('/api/v1/usage-sources'));
    return { data: answer.data.map((s) => ({ ...s, id: s.source })) };
  },
  one: async (source) => {
    const s = await unwrap(api.GET('/api/v1/usage-sources/{source}', { params: { path: { source } } }));
    return { ...s, id: s.source, rules: s.rules.map((r) => ({ ...r, outcome: outcomeOf(r) })) };
  },
  // PUT replaces the whole settings: what the form did not change is sent as it was.
  update: async (source, body: { format?: UsageSource['format']; internalMaxDigits?: number; rules?: RuleInput[] }) => {
    const current = await unwrap(api.GET('/api/v1/usage-sources/{source}', { params: { path: { source } } }));
    const saved = await unwrap(
      api.PUT('/api/v1/usage-sources/{source}', {
        params: { path: { source } },
        body: {
          format: body.format ?? current.format,
          internalMaxDigits: body.internalMaxDigits ?? current.internalMaxDigits,
          rules: body.rules ? body.rules.map(ruleOf) : current.rules.map((r) => ({ ...r })),
        },
      }),
    ).catch(ruleErrors);
    return { ...saved, id: saved.source, rules: saved.rules.map((r) => ({ ...r, outcome: outcomeOf(r) })) };
  },
};

export const setWatermark = (source: string, watermark: string) =>
  unwrap(api.PUT('/api/v1/usage-sources/{source}/watermark', { params: { path: { source } }, body: { watermark } }));

export const reclassify = (source: string, days: { fromDay: string; toDay: string }) => {
  const { from, to } = daysToInstants(days);
  return unwrap(
    api.POST('/api/v1/usage-sources/{source}/reclassify', {
      params: { path: { source } },
      body: { from: from ?? '', to: to ?? '' },
    }),
  );
};

/**
 * Calls, seconds and amounts per destination for the filters, then one row per currency with the
 * sums (marked `total`), so one table shows both.
 */
export const usageTotals: ResourceApi = {
  list: async ({ fromDay, toDay, limit: _limit, cursor: _cursor, ...query }) => {
    const answer = await unwrap(
      api.GET('/api/v1/usage-records/totals', {
        params: { query: q<QueryOf<'getUsageTotals'>>({ ...query, ...daysToInstants({ fromDay, toDay }) } as never) },
      }),
    );
    return {
      data: [
        ...answer.data.map((row, i) => ({
          ...row,
          id: `${row.prefix ?? '-'}:${row.currency ?? '-'}:${i}`,
          total: false,
        })),
        ...answer.totals.map((row) => ({
          ...row,
          id: `total:${row.currency ?? '-'}`,
          prefix: null,
          destination: null,
          total: true,
        })),
      ],
    };
  },
};

/** Events recorded for webhooks, oldest first, each with its deliveries on its page. */
export const webhookEvents: ResourceApi = {
  list: (query) =>
    unwrap(api.GET('/api/v1/webhook-events', { params: { query: q<QueryOf<'listWebhookEvents'>>(query) } })),
  one: (id) => unwrap(api.GET('/api/v1/webhook-events/{id}', byId(id))),
};

/** Sends an event again, to one endpoint or to every enabled endpoint subscribed to its type. */
export const replayEvent = (id: string, endpointId?: string) =>
  unwrap(api.POST('/api/v1/webhook-events/{id}/replay', { ...byId(id), body: endpointId ? { endpointId } : {} }));

export const documentTotals = (currency: string) =>
  unwrap(api.GET('/api/v1/reports/document-totals', { params: { query: { currency } } }));
