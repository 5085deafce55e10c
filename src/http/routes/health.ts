import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { json, ProblemSchema } from '../schemas/responses.ts';

const healthSchema = {
  operationId: 'getHealth',
  summary: 'Liveness: the service answers and its database too',
  tags: ['health'],
  security: [],
  response: {
    200: json(
      z.object({ status: z.literal('ok'), version: z.string() }).meta({ id: 'Health' }),
      'The service and its database are up',
    ),
    500: {
      description: 'The database does not answer',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  },
};

export function healthRoutes(app: FastifyInstance, services: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const handler = async () => {
    await services.ping();
    return { status: 'ok' as const, version: services.version };
  };
  api.get('/healthz', { schema: healthSchema }, handler);
  api.get('/api/v1/healthz', { schema: { ...healthSchema, hide: true } }, handler);
}
