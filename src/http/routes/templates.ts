import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { idParams } from '../schemas/common.ts';
import {
  createTemplate,
  getTemplate,
  listTemplates,
  previewTemplate,
  updateTemplate,
} from '../../app/documents/templates.ts';

const locale = z.enum(['en', 'ru']);
const source = z.string().min(1).max(500_000);

export function templateRoutes(app: FastifyInstance, { deps, renderer }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['templates'];
  api.get(
    '/templates',
    { config: { role: 'viewer' }, schema: { tags, summary: 'Built-in and own Liquid HTML templates' } },
    async (req) => ({ data: await listTemplates(deps, renderer, callerOf(req)), nextCursor: null }),
  );
  api.get('/templates/:id', { config: { role: 'viewer' }, schema: { tags, params: idParams } }, async (req) =>
    getTemplate(deps, renderer, callerOf(req), req.params.id),
  );
  api.post(
    '/templates',
    {
      config: { role: 'admin' },
      schema: {
        tags,
        summary: 'Uploads a template; a syntax error is refused with its line',
        body: z
          .object({ name: z.string().min(1).max(200), documentType: z.literal('invoice'), locale, source })
          .strict(),
      },
    },
    async (req, reply) => reply.status(201).send(await createTemplate(deps, renderer, callerOf(req), req.body)),
  );
  api.patch(
    '/templates/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags,
        params: idParams,
        body: z
          .object({ name: z.string().min(1).max(200).optional(), locale: locale.optional(), source: source.optional() })
          .strict(),
      },
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
      schema: {
        tags,
        summary: 'Renders the template with demo data (HTML, or PDF with format=pdf)',
        params: idParams,
        querystring: z.object({ locale: locale.optional(), format: z.enum(['html', 'pdf']).default('html') }).strict(),
      },
    },
    async (req, reply) => {
      const out = await previewTemplate(
        deps,
        renderer,
        callerOf(req),
        { id: req.params.id, locale: req.query.locale },
        req.query.format,
      );
      return reply.type(req.query.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8').send(out);
    },
  );
  api.post(
    '/templates/preview',
    {
      config: { role: 'admin' },
      schema: {
        tags,
        summary: 'Renders a template source being edited with demo data',
        body: z
          .object({ source, locale: locale.default('en'), format: z.enum(['html', 'pdf']).default('html') })
          .strict(),
      },
    },
    async (req, reply) => {
      const out = await previewTemplate(
        deps,
        renderer,
        callerOf(req),
        { source: req.body.source, locale: req.body.locale },
        req.body.format,
      );
      return reply.type(req.body.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8').send(out);
    },
  );
}
