import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import {
  address,
  currency,
  decodeCursor,
  idParams,
  isoDate,
  pageQuery,
  timezone,
  toListResponse,
} from '../schemas/common.ts';
import {
  createCustomer,
  deleteCustomer,
  getCustomer,
  listCustomers,
  updateCustomer,
} from '../../app/customers/manage-customers.ts';
import type { CustomerNumber } from '../../app/ports/customers.ts';

// A number is either "34911111111" (valid from the start of time) or an object with validity dates.
const customerNumber = z.union([
  z.string().max(40),
  z
    .object({ number: z.string().max(40), validFrom: isoDate.optional(), validTo: isoDate.nullable().optional() })
    .strict(),
]);
const toNumbers = (list: Array<z.infer<typeof customerNumber>> | undefined): CustomerNumber[] | undefined =>
  list?.map((n) =>
    typeof n === 'string'
      ? { number: n, validFrom: '1970-01-01', validTo: null }
      : { number: n.number, validFrom: n.validFrom ?? '1970-01-01', validTo: n.validTo ?? null },
  );

const fields = {
  name: z.string().min(1).max(200),
  legalName: z.string().max(300).nullable().optional(),
  taxId: z.string().max(50).nullable().optional(),
  kpp: z.string().max(20).nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  billingEmails: z.array(z.email().max(254)).max(20).optional(),
  phone: z.string().max(40).nullable().optional(),
  timezone: timezone.optional(),
  currency: currency.optional(),
  language: z.enum(['en', 'ru', 'es', 'de', 'fr', 'it', 'pt']).optional(),
  billingPeriod: z.enum(['weekly', 'biweekly', 'monthly', 'none']).optional(),
  status: z.enum(['active', 'suspended', 'closed']).optional(),
  address: address.nullable().optional(),
  accountCode: z.string().min(1).max(64).nullable().optional(),
  numbers: z.array(customerNumber).max(1000).optional(),
  invoicingSchemeId: z.string().max(100).nullable().optional(),
  activationDate: isoDate.optional(),
};
const createBody = z.object(fields).strict();
const patchBody = z.object({ ...fields, name: fields.name.optional() }).strict();

/** Drops keys the client did not send, so a PATCH changes only what it names. */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function customerRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/customers',
    { config: { role: 'accountant' }, schema: { tags: ['customers'], body: createBody } },
    async (req, reply) => {
      const { numbers, ...rest } = req.body;
      const customer = await createCustomer(
        deps,
        callerOf(req),
        defined({ ...rest, numbers: toNumbers(numbers) }) as Parameters<typeof createCustomer>[2],
      );
      return reply.status(201).send(customer);
    },
  );
  api.get(
    '/customers',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['customers'],
        querystring: z
          .object({
            status: z.enum(['active', 'suspended', 'closed']).optional(),
            q: z.string().max(100).optional(),
            ...pageQuery,
          })
          .strict(),
      },
    },
    async (req) => {
      const { limit, cursor, ...filter } = req.query;
      return toListResponse(await listCustomers(deps, callerOf(req), filter, { limit, after: decodeCursor(cursor) }));
    },
  );
  api.get(
    '/customers/:id',
    { config: { role: 'viewer' }, schema: { tags: ['customers'], params: idParams } },
    async (req) => getCustomer(deps, callerOf(req), req.params.id),
  );
  api.patch(
    '/customers/:id',
    { config: { role: 'accountant' }, schema: { tags: ['customers'], params: idParams, body: patchBody } },
    async (req) => {
      const { numbers, ...rest } = req.body;
      return updateCustomer(deps, callerOf(req), req.params.id, defined({ ...rest, numbers: toNumbers(numbers) }));
    },
  );
  api.delete(
    '/customers/:id',
    { config: { role: 'admin' }, schema: { tags: ['customers'], params: idParams } },
    async (req, reply) => {
      await deleteCustomer(deps, callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
