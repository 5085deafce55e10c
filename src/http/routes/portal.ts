import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, toListResponse } from '../schemas/common.ts';
import {
  getPortalDocument,
  listPortalDocuments,
  portalDocumentDetails,
  portalDocumentEInvoice,
  portalDocumentPdf,
  portalDocumentXlsx,
} from '../../app/portal/portal-documents.ts';
import { portalBalance, portalPayments, portalStatement } from '../../app/portal/portal-account.ts';
import { getPortalSettings, putPortalSettings } from '../../app/portal/portal-settings.ts';
import { issueCustomerToken, listCustomerTokens, revokeCustomerToken } from '../../app/portal/customer-tokens.ts';
import * as s from './portal.schema.ts';

const fileName = (number: string) => number.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * The customer-scoped API: only customer users and customer tokens reach it, and only their own
 * customer's visible documents and money. Staff set what is visible and issue the tokens.
 */
export function portalRoutes(app: FastifyInstance, { deps, outputs, renderer }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const portal = { role: 'viewer', audience: 'customer' } as const;
  api.get('/portal/documents', { config: portal, schema: s.listPortalDocumentsSchema }, async (req) => {
    const { limit, cursor, ...filter } = req.query;
    return toListResponse(
      await listPortalDocuments(deps, callerOf(req), filter, { limit, after: decodeCursor(cursor) }),
    );
  });
  api.get('/portal/documents/:id', { config: portal, schema: s.getPortalDocumentSchema }, async (req) =>
    getPortalDocument(deps, callerOf(req), req.params.id),
  );
  api.get('/portal/documents/:id/pdf', { config: portal, schema: s.portalDocumentPdfSchema }, async (req, reply) => {
    const file = await portalDocumentPdf(deps, callerOf(req), req.params.id, renderer);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${fileName(file.number ?? req.params.id)}.pdf"`)
      .send(file.content);
  });
  api.get('/portal/documents/:id/xlsx', { config: portal, schema: s.portalDocumentXlsxSchema }, async (req, reply) => {
    const file = await portalDocumentXlsx(deps, outputs, callerOf(req), req.params.id);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${fileName(file.number ?? req.params.id)}.xlsx"`)
      .send(file.content);
  });
  api.get('/portal/documents/:id/ubl', { config: portal, schema: s.portalDocumentUblSchema }, async (req, reply) => {
    const { document, profile } = await portalDocumentEInvoice(deps, callerOf(req), req.params.id);
    return reply
      .type('application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(document.number)}.xml"`)
      .send(outputs.ubl(document, profile));
  });
  api.get('/portal/documents/:id/details', { config: portal, schema: s.portalDocumentDetailsSchema }, async (req) => ({
    data: await portalDocumentDetails(deps, callerOf(req), req.params.id, req.query.prefix),
  }));
  api.get('/portal/balance', { config: portal, schema: s.getPortalBalanceSchema }, async (req) =>
    portalBalance(deps, callerOf(req)),
  );
  api.get('/portal/statement', { config: portal, schema: s.getPortalStatementSchema }, async (req) =>
    portalStatement(deps, callerOf(req), req.query),
  );
  api.get('/portal/payments', { config: portal, schema: s.listPortalPaymentsSchema }, async (req) => {
    const { limit, cursor, ...filter } = req.query;
    return toListResponse(await portalPayments(deps, callerOf(req), filter, { limit, after: decodeCursor(cursor) }));
  });

  api.get('/settings/portal', { config: { role: 'viewer' }, schema: s.getPortalSettingsSchema }, async (req) =>
    getPortalSettings(deps, callerOf(req)),
  );
  api.put('/settings/portal', { config: { role: 'admin' }, schema: s.putPortalSettingsSchema }, async (req) =>
    putPortalSettings(deps, callerOf(req), req.body),
  );
  // Accountants give customers portal access (users), so they also issue their tokens.
  api.post(
    '/customers/:id/portal-tokens',
    { config: { role: 'accountant', secretFields: ['token'] }, schema: s.createCustomerTokenSchema },
    async (req, reply) => {
      const { token, secret } = await issueCustomerToken(deps, callerOf(req), req.params.id, req.body);
      return reply.status(201).send({ ...token, token: secret });
    },
  );
  api.get(
    '/customers/:id/portal-tokens',
    { config: { role: 'accountant' }, schema: s.listCustomerTokensSchema },
    async (req) => ({ data: await listCustomerTokens(deps, callerOf(req), req.params.id) }),
  );
  api.post(
    '/customers/:id/portal-tokens/:tokenId/revoke',
    { config: { role: 'accountant' }, schema: s.revokeCustomerTokenSchema },
    async (req) => revokeCustomerToken(deps, callerOf(req), req.params.id, req.params.tokenId),
  );
}
