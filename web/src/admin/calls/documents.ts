import { api, type Schemas } from '../../api/client.ts';
import { unwrap } from '../../api/problems.ts';
import type { operations } from '../../../../src/http/client/openapi.d.ts';
import { byId, q, type QueryOf, type ResourceApi } from './common.ts';

export type Doc = Schemas['Document'];
export type NewDocument = NonNullable<operations['createDocument']['requestBody']>['content']['application/json'];
export type DocumentFixedCost = Schemas['DocumentFixedCost'];

export const documents: ResourceApi = {
  list: (query) => unwrap(api.GET('/api/v1/documents', { params: { query: q<QueryOf<'listDocuments'>>(query) } })),
  one: (id) => unwrap(api.GET('/api/v1/documents/{id}', byId(id))),
  // A draft made by hand for a customer and period (or a credit note of an issued invoice).
  create: (body: NewDocument) => unwrap(api.POST('/api/v1/documents', { body })),
  remove: async (id) => {
    await unwrap(api.DELETE('/api/v1/documents/{id}', byId(id)));
  },
};

/** Document actions: each is one API call; the screen reads the document again afterwards. */
export const documentActions = {
  issue: (id: string) => unwrap(api.POST('/api/v1/documents/{id}/issue', byId(id))),
  cancel: (id: string) => unwrap(api.POST('/api/v1/documents/{id}/cancel', { ...byId(id), body: {} })),
  remove: (id: string) => unwrap(api.DELETE('/api/v1/documents/{id}', byId(id))),
  generate: (id: string) => unwrap(api.POST('/api/v1/documents/{id}/generate', byId(id))),
  /** Renders an issued or cancelled document again (a draft is generated instead). */
  render: (id: string) => unwrap(api.POST('/api/v1/documents/{id}/render', byId(id))),
  fixedCosts: (id: string) => unwrap(api.GET('/api/v1/documents/{id}/fixed-costs', byId(id))),
  addFixedCost: (id: string, body: { fixedCostId: string; quantity: string }) =>
    unwrap(api.POST('/api/v1/documents/{id}/fixed-costs', { ...byId(id), body })),
  removeFixedCost: (id: string, lineId: string) =>
    unwrap(api.DELETE('/api/v1/documents/{id}/fixed-costs/{lineId}', { params: { path: { id, lineId } } })),
  convert: (id: string) => unwrap(api.POST('/api/v1/documents/{id}/convert', byId(id))),
  describeLine: (id: string, lineId: string, description: string) =>
    unwrap(
      api.PATCH('/api/v1/documents/{id}/lines/{lineId}', { params: { path: { id, lineId } }, body: { description } }),
    ),
  details: (id: string, prefix?: string) =>
    unwrap(api.GET('/api/v1/documents/{id}/details', { params: { path: { id }, query: prefix ? { prefix } : {} } })),
};

/** "Send selected": one email queued per document; the API refuses the whole batch for a draft. */
export const sendDocuments = (documentIds: string[]) =>
  unwrap(api.POST('/api/v1/documents/send', { body: { documentIds } }));

/** Queues an email of one issued (or cancelled) document; the answer is its delivery, then in the log. */
export const sendDocument = (id: string) => unwrap(api.POST('/api/v1/documents/{id}/send', byId(id)));

export type Delivery = Schemas['Delivery'];

/** The email deliveries of one document (the filter `documentId`), oldest first. */
export const documentDeliveries: ResourceApi = {
  list: ({ documentId, ...query }) =>
    unwrap(
      api.GET('/api/v1/documents/{id}/deliveries', {
        params: { path: { id: String(documentId) }, query: q<QueryOf<'listDocumentDeliveries'>>(query as never) },
      }),
    ),
};

/** The fixed costs on one document (the filter `documentId`), all on one page. */
export const documentFixedCosts: ResourceApi = {
  list: ({ documentId }) => documentActions.fixedCosts(String(documentId)),
};
