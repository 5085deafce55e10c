import { api, type Schemas } from '../../api/client.ts';
import { unwrap } from '../../api/problems.ts';
import { byId, q, type QueryOf, type ResourceApi } from './common.ts';

export const numberSequences: ResourceApi = {
  // Short list, whole: it takes no cursor, only a type.
  list: ({ documentType }) =>
    unwrap(
      api.GET('/api/v1/number-sequences', {
        params: { query: documentType ? q<QueryOf<'listNumberSequences'>>({ documentType } as never) : {} },
      }),
    ),
  one: (id) => unwrap(api.GET('/api/v1/number-sequences/{id}', byId(id))),
  create: (body: Schemas['NumberSequence']) => unwrap(api.POST('/api/v1/number-sequences', { body: body as never })),
  update: (id, body: Partial<Schemas['NumberSequence']>) =>
    unwrap(api.PATCH('/api/v1/number-sequences/{id}', { ...byId(id), body: body as never })),
};

export const templates: ResourceApi = {
  list: () => unwrap(api.GET('/api/v1/templates')),
  one: (id) => unwrap(api.GET('/api/v1/templates/{id}', byId(id))),
  create: (body: Schemas['Template']) => unwrap(api.POST('/api/v1/templates', { body: body as never })),
  update: (id, body: Partial<Schemas['Template']>) =>
    unwrap(api.PATCH('/api/v1/templates/{id}', { ...byId(id), body: body as never })),
};

export const xlsxTemplates: ResourceApi = {
  list: () => unwrap(api.GET('/api/v1/xlsx-templates')),
  one: (id) => unwrap(api.GET('/api/v1/xlsx-templates/{id}', byId(id))),
};

export type XlsxMapping = Schemas['XlsxMappingInput'];
export type DocumentType = Schemas['XlsxTemplate']['documentType'];

export const xlsxActions = {
  upload: (name: string, documentType: DocumentType, file: File) =>
    unwrap(
      api.POST('/api/v1/xlsx-templates', {
        params: { query: { name, documentType } },
        body: file as never,
        bodySerializer: (b: unknown) => b as Blob,
        headers: { 'content-type': 'application/octet-stream' },
      }),
    ),
  map: (id: string, mapping: XlsxMapping) =>
    unwrap(api.PUT('/api/v1/xlsx-templates/{id}/mapping', { ...byId(id), body: mapping })),
  activate: (id: string) => unwrap(api.POST('/api/v1/xlsx-templates/{id}/activate', { ...byId(id), body: {} })),
};

/** The preview of a template's source on demo data, as HTML for an iframe. */
export async function previewTemplate(source: string, locale: 'en' | 'ru', documentType: DocumentType) {
  const answer = await api.POST('/api/v1/templates/preview', {
    body: { source, locale, format: 'html', documentType },
    parseAs: 'text',
  });
  if (!answer.response.ok) throw new Error(answer.response.statusText);
  return answer.data as unknown as string;
}

export const reports = {
  receivables: () => unwrap(api.GET('/api/v1/reports/receivables')),
  paymentsReceived: (from: string, to: string) =>
    unwrap(api.GET('/api/v1/reports/payments-received', { params: { query: { from, to } } })),
};
