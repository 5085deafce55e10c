import { z } from 'zod';
import { idParams, listOf, pageQuery } from '../schemas/common.ts';
import { file, json, problems } from '../schemas/responses.ts';
import { Document, DocumentType } from './documents.schema.ts';

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

const notice = 'Customer users only (session cookie); another customer’s document is 404 like an unknown id.';

export const listPortalDocumentsSchema = {
  operationId: 'listPortalDocuments',
  summary: 'The signed-in customer’s documents',
  description: `Issued documents by default (status=cancelled for cancelled ones). ${notice}`,
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
