import { z } from 'zod';
import { id, idParams, Instant, listOf, pageQuery } from '../schemas/common.ts';
import { file, idempotencyHeaders, json, problems } from '../schemas/responses.ts';
import { Document, DocumentType } from './documents.schema.ts';
import { DestinationDetail } from './document-usage.schema.ts';
import { balanceSchema, paymentSchema, statementQuery, statementSchema } from './payments.schema.ts';
import { DOCUMENT_TYPES, type DocumentType as DocType } from '../../core/documents/types.ts';

const tags = ['portal'];

/** What a customer sees of a document: no internal references (sequences, templates, sessions, metadata). */
export const PortalDocument = Document.pick({
  id: true,
  type: true,
  status: true,
  paymentStatus: true,
  number: true,
  currency: true,
  periodStart: true,
  periodEnd: true,
  timezone: true,
  customerTimezone: true,
  issueDate: true,
  dueDate: true,
  taxRate: true,
  sender: true,
  recipient: true,
  totals: true,
  lines: true,
  issuedAt: true,
  cancelledAt: true,
}).meta({ id: 'PortalDocument', description: 'A document as its customer sees it in the portal' });

const notice =
  'Customer users (session cookie) or a customer token (Authorization: Bearer tbc_…) only; another customer’s ' +
  'document, or one of a type the operator hides, is 404 like an unknown id.';
const caller = 'Customer users (session cookie) or a customer token (Authorization: Bearer tbc_…) only.';

export const listPortalDocumentsSchema = {
  operationId: 'listPortalDocuments',
  summary: 'The signed-in customer’s documents',
  description: `Issued documents of the types the operator shows (GET /settings/portal); status=cancelled for cancelled ones. ${notice}`,
  tags,
  querystring: z
    .object({ status: z.enum(['issued', 'cancelled']).optional(), type: DocumentType.optional(), ...pageQuery })
    .strict(),
  response: { 200: json(listOf(PortalDocument, 'PortalDocumentList'), 'A page of documents'), ...problems() },
};
export const getPortalDocumentSchema = {
  operationId: 'getPortalDocument',
  summary: 'One of the signed-in customer’s documents, with its lines',
  description: notice,
  tags,
  params: idParams,
  response: { 200: json(PortalDocument, 'The document'), ...problems(404) },
};
export const portalDocumentPdfSchema = {
  operationId: 'getPortalDocumentPdf',
  summary: 'Download the PDF of one of the signed-in customer’s documents',
  description: notice,
  tags,
  params: idParams,
  response: { 200: file('application/pdf', 'The PDF'), ...problems(404, 409, 422) },
};
export const portalDocumentXlsxSchema = {
  operationId: 'getPortalDocumentXlsx',
  summary: 'Download the XLSX of one of the signed-in customer’s documents',
  description: notice,
  tags,
  params: idParams,
  response: {
    200: file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'The workbook'),
    ...problems(404, 409, 422),
  },
};
export const portalDocumentUblSchema = {
  operationId: 'getPortalDocumentUbl',
  summary: 'Download the UBL e-invoice of one of the signed-in customer’s documents',
  description: notice,
  tags,
  params: idParams,
  response: { 200: file('application/xml', 'The UBL 2.1 document'), ...problems(404, 409, 422) },
};
export const portalDocumentDetailsSchema = {
  operationId: 'getPortalDocumentDetails',
  summary: 'Usage of one of the signed-in customer’s documents per destination',
  description: notice,
  tags,
  params: idParams,
  querystring: z
    .object({ prefix: z.string().max(40).optional().meta({ description: 'Prefix; % is a wildcard (35%, %67)' }) })
    .strict(),
  response: {
    200: json(
      z.object({ data: z.array(DestinationDetail) }).meta({ id: 'PortalDocumentDetails' }),
      'Per destination: calls, minutes, rate, price',
    ),
    ...problems(404),
  },
};

export const getPortalBalanceSchema = {
  operationId: 'getPortalBalance',
  summary: 'The signed-in customer’s outstanding debt, overdue part, credit and balance',
  description: caller,
  tags,
  response: { 200: json(balanceSchema, 'The balance'), ...problems() },
};
export const getPortalStatementSchema = {
  operationId: 'getPortalStatement',
  summary: 'The signed-in customer’s statement with a running balance',
  description: caller,
  tags,
  querystring: statementQuery,
  response: { 200: json(statementSchema, 'The statement'), ...problems(400) },
};

/** A payment as its customer sees it: no import or bank-file references of the operator. */
export const PortalPayment = paymentSchema
  .pick({
    id: true,
    status: true,
    amount: true,
    currency: true,
    receivedAt: true,
    method: true,
    reference: true,
    allocated: true,
    unallocated: true,
    reversedAt: true,
    allocations: true,
  })
  .meta({ id: 'PortalPayment', description: 'A payment as its customer sees it in the portal' });
export const listPortalPaymentsSchema = {
  operationId: 'listPortalPayments',
  summary: 'The signed-in customer’s payments, newest first',
  description: caller,
  tags,
  querystring: z
    .object({
      receivedFrom: z.iso.datetime({ offset: true }).optional(),
      receivedTo: z.iso.datetime({ offset: true }).optional(),
      ...pageQuery,
    })
    .strict(),
  response: { 200: json(listOf(PortalPayment, 'PortalPaymentList'), 'A page of payments'), ...problems() },
};

const visibleTypes = z
  .object(Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, z.boolean()])) as Record<DocType, z.ZodBoolean>)
  .meta({ description: 'Per document type: whether customers see it in the portal' });
export const PortalSettings = z
  .object({ visibleTypes })
  .meta({ id: 'PortalSettings', description: 'What customers see in the portal' });
export const getPortalSettingsSchema = {
  operationId: 'getPortalSettings',
  summary: 'Which document types customers see in the portal',
  description: 'Every type is visible until hidden.',
  tags,
  response: { 200: json(PortalSettings, 'The settings (defaults filled in)'), ...problems() },
};
export const putPortalSettingsSchema = {
  operationId: 'putPortalSettings',
  summary: 'Show or hide document types in the portal',
  description: 'Types left out keep their visibility. A hidden document answers 404 in the portal, as an unknown one.',
  tags,
  body: z.object({ visibleTypes: visibleTypes.partial().strict().optional() }).strict(),
  response: { 200: json(PortalSettings, 'The settings'), ...problems() },
};

export const CustomerToken = z
  .object({
    id,
    customerId: z.string(),
    name: z.string(),
    tokenPrefix: z.string().meta({ description: 'The first characters of the token, to tell tokens apart' }),
    createdAt: Instant,
    revokedAt: Instant.nullable(),
  })
  .meta({ id: 'CustomerToken', description: 'A token a customer’s own systems use on the portal API' });
export const customerTokenParams = z.object({ id, tokenId: id }).strict();
export const createCustomerTokenSchema = {
  operationId: 'createCustomerToken',
  summary: 'Issue a token for a customer’s own systems to read the portal API',
  description:
    'The token (`tbc_…`) is answered once and only its hash is kept. It reads what a customer user of this customer sees, nothing else.',
  tags: ['customers'],
  headers: idempotencyHeaders,
  params: idParams,
  body: z.object({ name: z.string().trim().min(1).max(200) }).strict(),
  response: {
    201: json(
      CustomerToken.extend({ token: z.string().meta({ description: 'Shown in this answer only' }) }).meta({
        id: 'CreatedCustomerToken',
      }),
      'The token',
    ),
    ...problems(404),
  },
};
export const listCustomerTokensSchema = {
  operationId: 'listCustomerTokens',
  summary: 'A customer’s portal API tokens (never the tokens themselves)',
  tags: ['customers'],
  params: idParams,
  response: {
    200: json(z.object({ data: z.array(CustomerToken) }).meta({ id: 'CustomerTokenList' }), 'The tokens'),
    ...problems(404),
  },
};
export const revokeCustomerTokenSchema = {
  operationId: 'revokeCustomerToken',
  summary: 'Revoke a customer’s portal API token',
  tags: ['customers'],
  params: customerTokenParams,
  response: { 200: json(CustomerToken, 'The revoked token'), ...problems(404) },
};
