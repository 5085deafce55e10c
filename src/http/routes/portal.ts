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
export function portalRoutes(app: FastifyInstance, services: HttpServices) {
  customerPortalRoutes(app, services, { base: '/portal', documented: true });
  portalSettingRoutes(app, services);
}

/**
 * The customer's own routes under `base`: `/api/v1/portal/...`, documented, and the same routes
 * again under the `/portal/v1/...` prefix (left out of the OpenAPI document, which lists them once).
 */
export function customerPortalRoutes(
  app: FastifyInstance,
  { deps, outputs, renderer }: HttpServices,
  { base, documented }: { base: string; documented: boolean },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const portal = { role: 'viewer', audience: 'customer' } as const;
  const doc = <T extends object>(schema: T): T => (documented ? schema : { ...schema, hide: true });
  api.get(`${base}/documents`, { config: portal, schema: doc(s.listPortalDocumentsSchema) }, async (req) => {
    const { limit, cursor, ...filter } = req.query;
    return toListResponse(
      await listPortalDocuments(deps, callerOf(req), filter, { limit, after: decodeCursor(cursor) }),
    );
  });
  api.get(`${base}/documents/:id`, { config: portal, schema: doc(s.getPortalDocumentSchema) }, async (req) =>
    getPortalDocument(deps, callerOf(req), req.params.id),
  );
  api.get(
    `${base}/documents/:id/pdf`,
    { config: portal, schema: doc(s.portalDocumentPdfSchema) },
    async (req, reply) => {
      const file = await portalDocumentPdf(deps, callerOf(req), req.params.id, renderer);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName(file.number ?? req.params.id)}.pdf"`)
        .send(file.content);
    },
  );
  api.get(
    `${base}/documents/:id/xlsx`,
    { config: portal, schema: doc(s.portalDocumentXlsxSchema) },
    async (req, reply) => {
      const file = await portalDocumentXlsx(deps, outputs, callerOf(req), req.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileName(file.number ?? req.params.id)}.xlsx"`)
        .send(file.content);
    },
  );
  api.get(
    `${base}/documents/:id/ubl`,
    { config: portal, schema: doc(s.portalDocumentUblSchema) },
    async (req, reply) => {
      const { document, profile } = await portalDocumentEInvoice(deps, callerOf(req), req.params.id);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(document.number)}.xml"`)
        .send(outputs.ubl(document, profile));
    },
  );
  api.get(
    `${base}/documents/:id/details`,
    { config: portal, schema: doc(s.portalDocumentDetailsSchema) },
    async (req) => ({
      data: await portalDocumentDetails(deps, callerOf(req), req.params.id, req.query.prefix),
    }),
  );
  api.get(`${base}/balance`, { config: portal, schema: doc(s.getPortalBalanceSchema) }, async (req) =>
    portalBalance(deps, callerOf(req)),
  );
  api.get(`${base}/statement`, { config: portal, schema: doc(s.getPortalStatementSchema) }, async (req) =>
    portalStatement(deps, callerOf(req), req.query),
  );
  api.get(`${base}/payments`, { config: portal, schema: doc(s.listPortalPaymentsSchema) }, async (req) => {
    const { limit, cursor, ...filter } = req.query;
    return toListResponse(await portalPayments(deps, callerOf(req), filter, { limit, after: decodeCursor(cursor) }));
  });
}

/** What staff do for the portal: choose the visible document types, issue customers' tokens. */
function portalSettingRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
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
