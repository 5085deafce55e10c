import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { id, idParams } from '../schemas/common.ts';
import { json, problems } from '../schemas/responses.ts';
import { resolveInvoicingScheme } from '../../app/catalog/resolve-invoicing-scheme.ts';
import { schemeView } from './invoicing-schemes.schema.ts';
import { effectiveSchema } from './customer-invoicing-scheme.schema.ts';

export function customerSchemeRoutes(app: FastifyInstance, { deps }: HttpServices) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/customers/:id/invoicing-scheme',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getEffectiveInvoicingScheme',
        summary: 'The scheme that applies to a customer (under a contract) and the level it came from',
        tags: ['invoicing schemes'],
        params: idParams,
        querystring: z.object({ contractId: id.optional() }).strict(),
        response: { 200: json(effectiveSchema, 'The effective scheme and its level'), ...problems(400, 404) },
      },
    },
    async (req) => {
      const effective = await resolveInvoicingScheme(deps, callerOf(req), req.params.id, req.query.contractId ?? null);
      return { ...effective, scheme: effective.scheme ? schemeView(effective.scheme) : null };
    },
  );
}
