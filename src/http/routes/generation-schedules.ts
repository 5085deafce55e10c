import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import type { GenerationSchedule } from '../../core/sessions/schedules.ts';
import { callerOf } from '../auth.ts';
import { getGenerationSettings, putGenerationSettings } from '../../app/scheduling/generation-schedules.ts';
import { getGenerationSettingsSchema, putGenerationSettingsSchema } from './generation-schedules.schema.ts';

export function generationScheduleRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/settings/generation-schedules',
    { config: { role: 'viewer' }, schema: getGenerationSettingsSchema },
    async (req) => getGenerationSettings(deps, callerOf(req)),
  );
  api.put(
    '/settings/generation-schedules',
    { config: { role: 'admin' }, schema: putGenerationSettingsSchema },
    async (req) =>
      putGenerationSettings(deps, callerOf(req), {
        skipMissingInvoices: req.body.skipMissingInvoices,
        schedules: req.body.schedules as GenerationSchedule[],
      }),
  );
}
