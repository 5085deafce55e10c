import type { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, toListResponse } from '../schemas/common.ts';
import {
  createCustomer,
  deleteCustomer,
  getCustomer,
  listCustomers,
  updateCustomer,
} from '../../app/customers/manage-customers.ts';
import type { CustomerNumber } from '../../app/ports/customers.ts';
import {
  createCustomerSchema,
  customerNumber,
  deleteCustomerSchema,
  getCustomerSchema,
  listCustomersSchema,
  updateCustomerSchema,
} from './customers.schema.ts';

const toNumbers = (list: Array<z.infer<typeof customerNumber>> | undefined): CustomerNumber[] | undefined =>
  list?.map((n) =>
    typeof n === 'string'
      ? { number: n, validFrom: '1970-01-01', validTo: null }
      : { number: n.number, validFrom: n.validFrom ?? '1970-01-01', validTo: n.validTo ?? null },
  );

/** Drops keys the client did not send, so a PATCH changes only what it names. */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function customerRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post('/customers', { config: { role: 'accountant' }, schema: createCustomerSchema }, async (req, reply) => {
    const { numbers, ...rest } = req.body;
    const customer = await createCustomer(
      deps,
      callerOf(req),
      defined({ ...rest, numbers: toNumbers(numbers) }) as Parameters<typeof createCustomer>[2],
    );
    return reply.status(201).send(customer);
  });
  api.get('/customers', { config: { role: 'viewer' }, schema: listCustomersSchema }, async (req) => {
    const { limit, cursor, ...filter } = req.query;
    return toListResponse(await listCustomers(deps, callerOf(req), filter, { limit, after: decodeCursor(cursor) }));
  });
  api.get('/customers/:id', { config: { role: 'viewer' }, schema: getCustomerSchema }, async (req) =>
    getCustomer(deps, callerOf(req), req.params.id),
  );
  api.patch('/customers/:id', { config: { role: 'accountant' }, schema: updateCustomerSchema }, async (req) => {
    const { numbers, ...rest } = req.body;
    return updateCustomer(deps, callerOf(req), req.params.id, defined({ ...rest, numbers: toNumbers(numbers) }));
  });
  api.delete('/customers/:id', { config: { role: 'admin' }, schema: deleteCustomerSchema }, async (req, reply) => {
    await deleteCustomer(deps, callerOf(req), req.params.id);
    return reply.status(204).send();
  });
}
