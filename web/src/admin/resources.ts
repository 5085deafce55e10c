import { api, type Schemas } from '../api/client.ts';
import { unwrap } from '../api/problems.ts';

type Page<T> = { data: T[]; nextCursor: string | null };
type Query = { limit: number; cursor?: string } & Record<string, unknown>;

/**
 * Each screen's resource, as calls of the typed client: adding a screen is adding an entry here
 * (and its page in ./screens). The paths and bodies are checked against the OpenAPI document at
 * build time; a resource leaves out what its API does not offer.
 */
export interface ResourceApi {
  list(query: Query): Promise<Page<{ id: string }>>;
  one?(id: string): Promise<{ id: string }>;
  create?(body: never): Promise<{ id: string }>;
  update?(id: string, body: never): Promise<{ id: string }>;
  remove?(id: string): Promise<void>;
}

const q = <T>(query: Query) => query as unknown as T;
type QueryOf<Op extends keyof import('../../../src/http/client/openapi.d.ts').operations> = NonNullable<
  import('../../../src/http/client/openapi.d.ts').operations[Op]['parameters']['query']
>;

export const resources: Record<string, ResourceApi> = {
  customers: {
    list: (query) => unwrap(api.GET('/api/v1/customers', { params: { query: q<QueryOf<'listCustomers'>>(query) } })),
    one: (id) => unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id } } })),
    create: (body: Schemas['Customer']) =>
      unwrap(api.POST('/api/v1/customers', { body: body as never })) as Promise<Schemas['Customer']>,
    update: (id, body: Partial<Schemas['Customer']>) =>
      unwrap(api.PATCH('/api/v1/customers/{id}', { params: { path: { id } }, body: body as never })),
  },
  documents: {
    list: (query) => unwrap(api.GET('/api/v1/documents', { params: { query: q<QueryOf<'listDocuments'>>(query) } })),
    one: (id) => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id } } })),
    remove: async (id) => {
      await unwrap(api.DELETE('/api/v1/documents/{id}', { params: { path: { id } } }));
    },
  },
  products: {
    list: (query) => unwrap(api.GET('/api/v1/products', { params: { query: q<QueryOf<'listProducts'>>(query) } })),
    one: (id) => unwrap(api.GET('/api/v1/products/{id}', { params: { path: { id } } })),
  },
  'invoicing-schemes': {
    list: (query) =>
      unwrap(api.GET('/api/v1/invoicing-schemes', { params: { query: q<QueryOf<'listInvoicingSchemes'>>(query) } })),
    one: (id) => unwrap(api.GET('/api/v1/invoicing-schemes/{id}', { params: { path: { id } } })),
  },
  'legal-entities': {
    list: () => unwrap(api.GET('/api/v1/legal-entities')),
    one: (id) => unwrap(api.GET('/api/v1/legal-entities/{id}', { params: { path: { id } } })),
  },
  users: {
    list: () => unwrap(api.GET('/api/v1/users')),
    one: (id) => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id } } })),
    // The answer is the user and its invitation link; the screen shows the link once.
    create: async (body: { email: string; name: string; role: 'admin' | 'accountant' | 'viewer' }) => {
      const invited = await unwrap(api.POST('/api/v1/users', { body }));
      return { ...invited.user, invitation: invited.invitation };
    },
  },
};

/** Document actions: each is one API call; the screen refreshes the document afterwards. */
export const documentActions = {
  issue: (id: string) => unwrap(api.POST('/api/v1/documents/{id}/issue', { params: { path: { id } } })),
  cancel: (id: string) => unwrap(api.POST('/api/v1/documents/{id}/cancel', { params: { path: { id } }, body: {} })),
  generate: (id: string) => unwrap(api.POST('/api/v1/documents/{id}/generate', { params: { path: { id } } })),
};
