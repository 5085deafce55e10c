import { z } from 'zod';
import { isoDate } from '../schemas/common.ts';
import { json, problems } from '../schemas/responses.ts';
import { CREATABLE_TYPES, Document } from './documents.schema.ts';

const tags = ['documents'];

export const previewNextDocumentSchema = {
  operationId: 'previewNextDocument',
  summary: "Dry run of a customer's next document",
  description:
    'The document that POST /documents followed by generate would make now, computed the same way (same rules, invoicing scheme, usage, charges and rounding) with nothing stored or claimed. Its id and line ids are placeholders. 404 for an unknown customer; otherwise refused like creation (422 FUTURE_PERIOD, UNRATED_USAGE, OVERLAPPING_DOCUMENT …).',
  tags,
  params: z.object({ id: z.string().max(100) }).strict(),
  querystring: z
    .object({
      type: z.enum(CREATABLE_TYPES).default('invoice'),
      periodStart: isoDate,
      periodEnd: isoDate,
      contractId: z.string().min(1).max(100).optional(),
      subscriptionId: z.string().min(1).max(100).optional(),
    })
    .strict(),
  response: { 200: json(Document, 'The document as it would be generated now'), ...problems(404, 422) },
};

export const updateDocumentLineSchema = {
  operationId: 'updateDocumentLine',
  summary: "Change a draft line's description",
  description:
    'Amounts stay as they are; the render goes blank until the draft is generated again, which keeps the new text. Refused with 409 DOCUMENT_NOT_DRAFT on issued or cancelled documents.',
  tags,
  params: z.object({ id: z.string().max(100), lineId: z.string().max(100) }).strict(),
  body: z.object({ description: z.string().min(1).max(500) }).strict(),
  response: { 200: json(Document, 'The draft with the line renamed'), ...problems(404, 409, 422) },
};
