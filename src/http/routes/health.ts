import type { FastifyInstance } from 'fastify';
import type { HttpServices } from '../services.ts';

export function healthRoutes(app: FastifyInstance, services: HttpServices) {
  const handler = async () => {
    await services.ping();
    return { status: 'ok', version: services.version };
  };
  app.get('/healthz', { schema: { tags: ['health'], security: [] } }, handler);
  app.get('/api/v1/healthz', { schema: { hide: true } }, handler);
}
