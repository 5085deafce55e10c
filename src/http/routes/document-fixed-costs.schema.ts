import { z } from 'zod';
import { Decimal, listOf, Money } from '../schemas/common.ts';
import { idempotencyHeaders, json, problems } from '../schemas/responses.ts';
import { Document, one, positiveQuantity, tags } from './documents.schema.ts';

export const DocumentFixedCost = z
  .object({
    id: z.string(),
    fixedCostId: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    quantity: Decimal,
    unitPrice: Money,
  })
  .meta({ id: 'DocumentFixedCost', description: 'A fixed cost added to a draft' });

export const listDocumentFixedCostsSchema = {
  ...one('listDocumentFixedCosts', 'List the fixed costs of a document'),
  response: {
    200: json(listOf(DocumentFixedCost, 'DocumentFixedCostList'), 'The fixed costs (one page)'),
    ...problems(404),
  },
};
export const addDocumentFixedCostSchema = {
  ...one('addDocumentFixedCost', 'Add a fixed cost to a draft'),
  headers: idempotencyHeaders,
  body: z
    .object({
      fixedCostId: z.string().min(1).max(100),
      quantity: z.union([z.number().int().positive().max(1_000_000_000), positiveQuantity]),
    })
    .strict(),
  response: {
    201: json(
      Document.extend({ fixedCostLineId: z.string() }).meta({ id: 'DocumentWithFixedCostLine' }),
      'The draft with the line added; fixedCostLineId names the new line',
    ),
    ...problems(404, 409, 422),
  },
};
export const removeDocumentFixedCostSchema = {
  operationId: 'removeDocumentFixedCost',
  summary: 'Remove a fixed cost from a draft',
  tags,
  params: z.object({ id: z.string().max(100), lineId: z.string().max(100) }).strict(),
  response: { 200: json(Document, 'The draft without the line'), ...problems(404, 409, 422) },
};
