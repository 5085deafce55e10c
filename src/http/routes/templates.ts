import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import * as s from './templates.schema.ts';
import {
  createTemplate,
  getTemplate,
  listTemplates,
  previewTemplate,
  updateTemplate,
} from '../../app/documents/templates.ts';

export function templateRoutes(app: FastifyInstance, { deps, renderer }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/templates', { config: { role: 'viewer' }, schema: s.listTemplatesSchema }, async (req) => ({
    data: await listTemplates(deps, renderer, callerOf(req)),
    nextCursor: null,
  }));
  api.get('/templates/:id', { config: { role: 'viewer' }, schema: s.getTemplateSchema }, async (req) =>
    getTemplate(deps, renderer, callerOf(req), req.params.id),
  );
  api.post(
    '/templates',
    {
      config: { role: 'admin' },
      schema: s.createTemplateSchema,
    },
    async (req, reply) => reply.status(201).send(await createTemplate(deps, renderer, callerOf(req), req.body)),
  );
  api.patch(
    '/templates/:id',
    {
      config: { role: 'admin' },
      schema: s.updateTemplateSchema,
    },
    async (req) =>
      updateTemplate(
        deps,
        renderer,
        callerOf(req),
        req.params.id,
        Object.fromEntries(Object.entries(req.body).filter(([, v]) => v !== undefined)),
      ),
  );
  api.get(
    '/templates/:id/preview',
    {
      config: { role: 'viewer' },
      schema: s.previewTemplateSchema,
    },
    async (req, reply) => {
      const out = await previewTemplate(
        deps,
        renderer,
        callerOf(req),
        { id: req.params.id, locale: req.query.locale, documentType: req.query.documentType },
        req.query.format,
      );
      return reply.type(req.query.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8').send(out);
    },
  );
  api.post(
    '/templates/preview',
    {
      config: { role: 'admin' },
      schema: s.previewSourceSchema,
    },
    async (req, reply) => {
      const out = await previewTemplate(
        deps,
        renderer,
        callerOf(req),
        { source: req.body.source, locale: req.body.locale, documentType: req.body.documentType },
        req.body.format,
      );
      return reply.type(req.body.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8').send(out);
    },
  );
}
