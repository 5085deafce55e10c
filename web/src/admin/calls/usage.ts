import { api, type Schemas } from '../../api/client.ts';
import { unwrap } from '../../api/problems.ts';
import { byId, q, type QueryOf, type ResourceApi } from './common.ts';

export type RatePlan = Schemas['RatePlan'];
export type Rate = Schemas['Rate'];
export type UsageRecord = Schemas['UsageRecord'];
export type UsageImport = Schemas['UsageImport'];
export type UsageRejection = Schemas['UsageRejection'];
export type CatalogRejection = Schemas['CatalogRejection'];
export type ImportFormat = UsageImport['format'];

/** A file sent as it is, as the body of the request (the API reads CSV and XML uploads raw). */
const raw = (file: File, contentType: string) => ({
  body: file as never,
  bodySerializer: (b: unknown) => b as Blob,
  headers: { 'content-type': contentType },
});

export const ratePlans: ResourceApi = {
  list: (query) => unwrap(api.GET('/api/v1/rate-plans', { params: { query: q<QueryOf<'listRatePlans'>>(query) } })),
  // The plan without its rates: they are paged by the rates list of its page.
  one: async (id) => {
    const { rates: _rates, ...plan } = await unwrap(api.GET('/api/v1/rate-plans/{id}', byId(id)));
    return plan;
  },
  create: (body: Schemas['RatePlan']) => unwrap(api.POST('/api/v1/rate-plans', { body: body as never })),
  update: (id, body: Partial<Schemas['RatePlan']>) =>
    unwrap(api.PATCH('/api/v1/rate-plans/{id}', { ...byId(id), body: body as never })),
};

/** The rates of one plan (the filter `ratePlanId`), a prefix being the id of a rate. */
export const rates: ResourceApi = {
  list: async ({ ratePlanId, ...query }) => {
    const page = await unwrap(
      api.GET('/api/v1/rate-plans/{id}/rates', {
        params: { path: { id: String(ratePlanId) }, query: q<QueryOf<'listRates'>>(query as never) },
      }),
    );
    return { ...page, data: page.data.map((r) => ({ ...r, id: r.prefix, ratePlanId: String(ratePlanId) })) };
  },
};

/** Takes one prefix out of a plan: its calls then fall to a shorter prefix, or stay unrated. */
export const deleteRate = async (ratePlanId: string, prefix: string) => {
  await unwrap(api.DELETE('/api/v1/rate-plans/{id}/rates/{prefix}', { params: { path: { id: ratePlanId, prefix } } }));
};

export const importRates = (ratePlanId: string, file: File, replace: boolean) =>
  unwrap(
    api.POST('/api/v1/rate-plans/{id}/rates/import', {
      params: { path: { id: ratePlanId }, query: replace ? { replace: 'true' } : {} },
      ...raw(file, 'text/csv'),
    }),
  );

export const destinations: ResourceApi = {
  list: (query) =>
    unwrap(api.GET('/api/v1/destinations', { params: { query: q<QueryOf<'listDestinations'>>(query) } })),
  one: (id) => unwrap(api.GET('/api/v1/destinations/{id}', byId(id))),
  create: (body: Schemas['Destination']) => unwrap(api.POST('/api/v1/destinations', { body: body as never })),
  update: (id, body: Partial<Schemas['Destination']>) =>
    unwrap(api.PATCH('/api/v1/destinations/{id}', { ...byId(id), body: body as never })),
  remove: async (id) => {
    await unwrap(api.DELETE('/api/v1/destinations/{id}', byId(id)));
  },
};

export const importDestinations = (file: File) =>
  unwrap(api.POST('/api/v1/destinations/import', raw(file, 'text/csv')));

/** The list's day filters as the instants the API takes: `to` is exclusive, so the day after the last. */
function period({ fromDay, toDay }: Record<string, unknown>) {
  const next = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    ...(fromDay ? { from: `${String(fromDay)}T00:00:00Z` } : {}),
    ...(toDay ? { to: next(String(toDay)) } : {}),
  };
}

export const usageRecords: ResourceApi = {
  list: ({ fromDay, toDay, ...query }) =>
    unwrap(
      api.GET('/api/v1/usage-records', {
        params: { query: q<QueryOf<'listUsageRecords'>>({ ...query, ...period({ fromDay, toDay }) } as never) },
      }),
    ),
  one: (id) => unwrap(api.GET('/api/v1/usage-records/{id}', byId(id))),
};

/** Unrated records counted per customer (one row per customer, its id the customer's). */
export const unratedUsage: ResourceApi = {
  list: async ({ fromDay, toDay, limit: _limit, cursor: _cursor, ...query }) => {
    const answer = await unwrap(
      api.GET('/api/v1/usage-records/unrated', {
        params: { query: q<QueryOf<'listUnratedUsage'>>({ ...query, ...period({ fromDay, toDay }) } as never) },
      }),
    );
    return { data: answer.data.map((row) => ({ ...row, id: row.customerId })) };
  },
};

export const usageImports: ResourceApi = {
  list: (query) =>
    unwrap(api.GET('/api/v1/usage-imports', { params: { query: q<QueryOf<'listUsageImports'>>(query) } })),
  one: (id) => unwrap(api.GET('/api/v1/usage-imports/{id}', byId(id))),
};

/** The rejected rows of one import (the filter `importId`). */
export const usageImportRejections: ResourceApi = {
  list: ({ importId, ...query }) =>
    unwrap(
      api.GET('/api/v1/usage-imports/{id}/rejections', {
        params: { path: { id: String(importId) }, query: q<QueryOf<'listUsageImportRejections'>>(query as never) },
      }),
    ),
};

export type UsageUpload = { format: ImportFormat; source?: string; timezone?: string; mapping?: string };

/** Sends a usage file; the API answers at once with the import, which then runs in the background. */
export const uploadUsage = (file: File, options: UsageUpload) =>
  unwrap(
    api.POST('/api/v1/usage-imports', {
      params: { query: { ...options, fileName: file.name } },
      ...raw(file, options.format === 'freeswitch-xml' ? 'application/xml' : 'text/csv'),
    }),
  );

export const resumeUsageImport = (id: string) =>
  unwrap(api.POST('/api/v1/usage-imports/{id}/resume', { ...byId(id), body: {} as never }));

export type Rerate = {
  customerId: string;
  fromDay: string;
  toDay: string;
  destination?: string;
  issuedDocuments?: 'refuse' | 'credit';
};

/**
 * Prices a customer's calls of some days again with the current rates; calls on issued invoices are
 * refused, or credited (a credit note, then billed again) when asked.
 */
export const rerateUsage = ({ customerId, fromDay, toDay, destination, issuedDocuments }: Rerate) => {
  const { from, to } = period({ fromDay, toDay });
  return unwrap(
    api.POST('/api/v1/usage-records/rerate', {
      body: {
        customerId,
        from: from!,
        to: to!,
        ...(destination ? { destination } : {}),
        ...(issuedDocuments ? { issuedDocuments } : {}),
      },
    }),
  );
};

export type RatePlanAssignment = Schemas['RatePlanAssignment'];
type AssignmentInput = { customerId: string; ratePlanId: string; validFrom: string; validTo?: string | null };

/** Which plan rates a customer's calls from which day (validTo is the first day it no longer does). */
export const ratePlanAssignments: ResourceApi = {
  list: (query) =>
    unwrap(
      api.GET('/api/v1/rate-plan-assignments', { params: { query: q<QueryOf<'listRatePlanAssignments'>>(query) } }),
    ),
  one: (id) => unwrap(api.GET('/api/v1/rate-plan-assignments/{id}', byId(id))),
  create: (body: AssignmentInput) => unwrap(api.POST('/api/v1/rate-plan-assignments', { body })),
  update: (id, body: Partial<Pick<AssignmentInput, 'validFrom' | 'validTo'>>) =>
    unwrap(api.PATCH('/api/v1/rate-plan-assignments/{id}', { ...byId(id), body })),
  remove: async (id) => {
    await unwrap(api.DELETE('/api/v1/rate-plan-assignments/{id}', byId(id)));
  },
};

/** Rejected usage rows of the whole tenant (imports and API batches), open ones first asked for. */
export const usageRejections: ResourceApi = {
  list: (query) =>
    unwrap(api.GET('/api/v1/usage-rejections', { params: { query: q<QueryOf<'listUsageRejections'>>(query) } })),
};

export type Reprocess = { ids?: string[]; importId?: string; source?: string; code?: string };
export type ReprocessResult = Schemas['ReprocessResult'];

/** Runs open rejections through ingestion again: the ticked ones, or every one the filters match. */
export const reprocessRejections = (body: Reprocess) =>
  unwrap(api.POST('/api/v1/usage-rejections/reprocess', { body })) as Promise<ReprocessResult>;

export const discardRejection = async (id: string) => {
  await unwrap(api.POST('/api/v1/usage-rejections/{id}/discard', byId(id)));
};
