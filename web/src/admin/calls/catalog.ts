import { HttpError } from 'react-admin';
import { api, type Schemas } from '../../api/client.ts';
import { unwrap } from '../../api/problems.ts';
import { byId, q, type QueryOf, type ResourceApi } from './common.ts';

export type Product = Schemas['Product'];
export type Scheme = Schemas['InvoicingScheme'];
export type EffectiveScheme = Schemas['EffectiveInvoicingScheme'];
type ProductBody = Partial<Omit<Product, 'id' | 'createdAt' | 'updatedAt'>>;

// The fields each price model takes; a change of any of them sends the model's whole block,
// since the API replaces the block as a whole.
const modelFields: Record<Product['priceModel'], Array<keyof ProductBody>> = {
  flat: ['price'],
  graduated: ['tiers'],
  volume: ['tiers'],
  package: ['price', 'packageSize', 'freeUnits'],
};
const priceFields: Array<keyof ProductBody> = ['priceModel', 'price', 'tiers', 'packageSize', 'freeUnits'];

/** Only the price fields of the chosen model: the form keeps the others while the model changes. */
function priceBlock(values: ProductBody): ProductBody {
  const model = values.priceModel ?? 'flat';
  const block: Record<string, unknown> = { priceModel: model };
  for (const name of modelFields[model]) if (values[name] != null && values[name] !== '') block[name] = values[name];
  return block as ProductBody;
}

export const products: ResourceApi = {
  list: (query) => unwrap(api.GET('/api/v1/products', { params: { query: q<QueryOf<'listProducts'>>(query) } })),
  one: (id) => unwrap(api.GET('/api/v1/products/{id}', byId(id))),
  create: (body: ProductBody) => {
    const plain = Object.fromEntries(Object.entries(body).filter(([k]) => !priceFields.includes(k as never)));
    return unwrap(api.POST('/api/v1/products', { body: { ...plain, ...priceBlock(body) } as never }));
  },
  update: async (id, changed: ProductBody) => {
    const plain = Object.fromEntries(Object.entries(changed).filter(([k]) => !priceFields.includes(k as never)));
    const touches = priceFields.some((k) => k in changed);
    const block = touches ? priceBlock({ ...(await products.one!(id)), ...changed } as ProductBody) : {};
    return unwrap(api.PATCH('/api/v1/products/{id}', { ...byId(id), body: { ...plain, ...block } as never }));
  },
  // Only a product nothing refers to; the API says why it refuses the others.
  remove: async (id) => {
    await unwrap(api.DELETE('/api/v1/products/{id}', byId(id)));
  },
};

export const invoicingSchemes: ResourceApi = {
  list: (query) =>
    unwrap(api.GET('/api/v1/invoicing-schemes', { params: { query: q<QueryOf<'listInvoicingSchemes'>>(query) } })),
  one: (id) => unwrap(api.GET('/api/v1/invoicing-schemes/{id}', byId(id))),
  create: (body: Partial<Scheme>) => unwrap(api.POST('/api/v1/invoicing-schemes', { body: body as never })),
  update: (id, body: Partial<Scheme>) =>
    unwrap(api.PATCH('/api/v1/invoicing-schemes/{id}', { ...byId(id), body: body as never })),
  remove: async (id) => {
    await unwrap(api.DELETE('/api/v1/invoicing-schemes/{id}', byId(id)));
  },
};

/** The scheme that applies to a customer or a subscription, and the level it came from. */
export const resolvedScheme = {
  ofCustomer: (id: string) => unwrap(api.GET('/api/v1/customers/{id}/invoicing-scheme', byId(id))),
  ofSubscription: (id: string) => unwrap(api.GET('/api/v1/subscriptions/{id}/invoicing-scheme', byId(id))),
};

/**
 * A refusal's field errors renamed for the form that sent them, e.g. `querystring.periodStart`
 * or `rates[0].pricePerMinute` to the input's own name.
 */
export async function renamingFields<T>(call: Promise<T>, rename: (field: string) => string): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const body = error.body as { errors?: Record<string, string> };
    const errors = Object.fromEntries(Object.entries(body?.errors ?? {}).map(([k, v]) => [rename(k), v]));
    throw new HttpError(error.message, error.status, { ...body, errors });
  }
}

export type NextDocumentQuery = { type?: 'invoice' | 'proforma'; periodStart: string; periodEnd: string };

/** The customer's next document as it would be generated now; nothing is stored. */
export const previewNextDocument = (customerId: string, query: NextDocumentQuery) =>
  renamingFields(
    unwrap(api.GET('/api/v1/customers/{id}/next-document', { params: { path: { id: customerId }, query } })),
    (field) => field.replace(/^querystring\./, ''),
  );

export type RateInput = {
  prefix: string;
  pricePerMinute: string;
  connectionFee?: string;
  minimumSeconds?: number;
  incrementSeconds?: number;
};

/** Adds a plan's rate for one prefix, or changes the one it has. */
export const saveRate = (ratePlanId: string, rate: RateInput) =>
  renamingFields(
    unwrap(api.POST('/api/v1/rate-plans/{id}/rates', { ...byId(ratePlanId), body: { rates: [rate] } })),
    (field) => field.replace(/^rates\[0\]\./, ''),
  );
