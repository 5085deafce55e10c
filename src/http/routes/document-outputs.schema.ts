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
