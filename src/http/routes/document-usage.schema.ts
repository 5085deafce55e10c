import { z } from 'zod';
import { CurrencyCode, Decimal, Instant, listOf, Money, pageQuery, TimeZone } from '../schemas/common.ts';
import { file, json, problems } from '../schemas/responses.ts';
import { one, tags } from './documents.schema.ts';

// What a document billed, per destination and per call.

export const DestinationDetail = z
  .object({
    prefix: z.string().nullable(),
    destination: z.string(),
    ratePerMinute: Decimal.nullable(),
    calls: z.int(),
    durationSeconds: z.int(),
    amount: Decimal.meta({ description: 'Unrounded sum of the calls' }),
    minutes: Decimal.meta({ description: 'Billed minutes, two decimals' }),
    price: Money.meta({ description: 'Rounded as the invoice line is' }),
  })
  .meta({ id: 'DestinationDetail' });

export const documentDetailsSchema = {
  ...one('getDocumentDetails', 'Usage of a document per destination'),
  querystring: z
    .object({ prefix: z.string().max(40).optional().meta({ description: 'Prefix; % is a wildcard (35%, %67)' }) })
    .strict(),
  response: {
    200: json(z.object({ data: z.array(DestinationDetail) }), 'Per destination: calls, minutes, rate, price'),
    ...problems(404),
  },
};
export const DocumentCall = z
  .object({
    id: z.string(),
    externalId: z.string(),
    source: z.string(),
    startedAt: Instant,
    localStartedAt: z.string().meta({ description: "Start in the customer's zone, as printed (dd/MM/yyyy HH:mm:ss)" }),
    timezone: TimeZone,
    durationSeconds: z.int(),
    billableSeconds: z.int().nullable(),
    direction: z.string(),
    external: z.boolean(),
    caller: z.string(),
    callee: z.string(),
    destinationPrefix: z.string().nullable(),
    destination: z.string().nullable(),
    price: Decimal.nullable(),
    currency: CurrencyCode.nullable(),
    rated: z.boolean(),
    documentId: z.string().nullable(),
  })
  .meta({ id: 'DocumentCall', description: 'A call billed on a document' });

const callParams = z.object({ id: z.string().max(100) }).strict();
export const documentCallsCsvSchema = {
  operationId: 'downloadDocumentCallsCsv',
  summary: 'Download the calls of a document as CSV',
  tags,
  params: callParams,
  response: { 200: file('text/csv', 'Every call of the document, one per row, with a header'), ...problems(404) },
};
export const documentCallsSchema = {
  operationId: 'listDocumentCalls',
  summary: 'List the calls billed on a document',
  description: 'Times are also given in the customer zone. With Accept: text/csv the whole list comes as CSV.',
  tags,
  params: callParams,
  querystring: z.object({ ...pageQuery }).strict(),
  response: {
    200: {
      description: 'A page of calls (JSON), or every call (CSV)',
      content: {
        'application/json': { schema: listOf(DocumentCall, 'DocumentCallList') },
        'text/csv': { schema: z.string().meta({ format: 'binary' }) },
      },
    },
    ...problems(404),
  },
};
