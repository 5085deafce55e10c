import type { FastifyInstance } from 'fastify';
import type { HttpServices } from '../services.ts';
import { healthRoutes } from './health.ts';
import { tenantRoutes } from './tenant.ts';
import { customerRoutes } from './customers.ts';
import { legalEntityRoutes } from './legal-entities.ts';
import { auditRoutes } from './audit-events.ts';

export async function registerRoutes(app: FastifyInstance, services: HttpServices) {
  healthRoutes(app, services);
  await app.register(async (api) => {
    tenantRoutes(api, services);
    customerRoutes(api, services);
    legalEntityRoutes(api, services);
    auditRoutes(api, services);
  }, { prefix: '/api/v1' });
}
