import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { toListResponse } from '../schemas/common.ts';
import {
  createDestination,
  deleteDestination,
  getDestination,
  listDestinations,
  updateDestination,
} from '../../app/usage/manage-destinations.ts';
import { importDestinations } from '../../app/usage/update-catalog.ts';
import { csvBody, cursorOf } from './usage-schemas.ts';
import {
  createDestinationSchema,
  deleteDestinationSchema,
  getDestinationSchema,
  importDestinationsSchema,
  listDestinationsSchema,
  updateDestinationSchema,
} from './destinations.schema.ts';

export function destinationRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post('/destinations', { config: { role: 'accountant' }, schema: createDestinationSchema }, async (req, reply) =>
    reply.status(201).send(await createDestination(deps, callerOf(req), req.body)),
  );
  api.get('/destinations', { config: { role: 'viewer' }, schema: listDestinationsSchema }, async (req) => {
    const { limit, cursor, ...filter } = req.query;
    return toListResponse(await listDestinations(deps, callerOf(req), filter, { limit, after: cursorOf(cursor) }));
  });
  api.get('/destinations/:id', { config: { role: 'viewer' }, schema: getDestinationSchema }, async (req) =>
    getDestination(deps, callerOf(req), req.params.id),
  );
  api.patch('/destinations/:id', { config: { role: 'accountant' }, schema: updateDestinationSchema }, async (req) =>
    updateDestination(deps, callerOf(req), req.params.id, req.body),
  );
  api.delete(
    '/destinations/:id',
    { config: { role: 'accountant' }, schema: deleteDestinationSchema },
    async (req, reply) => {
      await deleteDestination(deps, callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  // Tens of thousands of prefixes at once: a CSV with a header (prefix, name).
  api.post(
    '/destinations/import',
    { config: { role: 'accountant' }, bodyLimit: 64 * 1024 * 1024, schema: importDestinationsSchema },
    async (req) => importDestinations(deps, callerOf(req), csvBody(req.body)),
  );
}
