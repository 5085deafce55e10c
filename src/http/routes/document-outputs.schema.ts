import { z } from 'zod';
import { idParams } from '../schemas/common.ts';
import { file, problems } from '../schemas/responses.ts';

const tags = ['documents'];

export const documentUblSchema = {
  operationId: 'getDocumentUbl',
  summary: 'Download a document as an EN 16931 e-invoice (UBL 2.1)',
  description:
    'An issued invoice as a UBL 2.1 Invoice, a credit note as a CreditNote. profile=auto (default) uses Peppol BIS Billing 3.0 when both parties have an electronic address (derived from their VAT numbers), EN 16931 otherwise; profile=peppol insists on Peppol. 409 DOCUMENT_NOT_ISSUED for drafts; 422 EINVOICE_DATA_MISSING names each missing field with its EN 16931 rule.',
  tags,
  params: idParams,
  querystring: z.object({ profile: z.enum(['auto', 'en16931', 'peppol']).default('auto') }).strict(),
  response: { 200: file('application/xml', 'The UBL 2.1 document'), ...problems(400, 404, 409, 422) },
};

export const documentXlsxSchema = {
  operationId: 'getDocumentXlsx',
  summary: "Download a document as XLSX made from the operator's template",
  description:
    'Made from the active XLSX template of the document type at the first download, then served from storage until the document changes (generated again, issued, cancelled) or a template is activated with applyToExisting. 409 XLSX_NOT_READY before generation; 422 NO_XLSX_TEMPLATE, XLSX_TABLE_FULL.',
  tags,
  params: idParams,
  response: {
    200: file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'The XLSX'),
    ...problems(404, 409, 422),
  },
};
