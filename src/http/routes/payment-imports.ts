import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { importPayments } from '../../app/payments/import-payments.ts';
import { importPaymentsSchema } from './payment-imports.schema.ts';

const STATEMENT_LIMIT = 32 * 1024 * 1024;

export function paymentImportRoutes(app: FastifyInstance, { deps }: HttpServices) {
  // The statement is read as bytes and decoded here, whatever text/xml parser the app has.
  void app.register(async (scope) => {
    scope.removeContentTypeParser(['text/csv', 'text/plain']);
    scope.addContentTypeParser(
      ['text/csv', 'text/plain', 'application/octet-stream', 'application/xml', 'text/xml'],
      { parseAs: 'buffer', bodyLimit: STATEMENT_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope
      .withTypeProvider<ZodTypeProvider>()
      .post('/payment-imports', { config: { role: 'accountant' }, schema: importPaymentsSchema }, async (req) => {
        const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
        return importPayments(deps, callerOf(req), req.query, body);
      });
  });
}
