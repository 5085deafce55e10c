import { z } from 'zod';
import { listQuery } from './documents.schema.ts';
import { usageFilterQuery } from './usage-schemas.ts';
import { problems } from '../schemas/responses.ts';
import { paymentListQuery } from './payments.schema.ts';
import { binary } from '../schemas/responses.ts';

const tags = ['exports'];
const format = { format: z.enum(['csv', 'xlsx']).default('csv').meta({ description: 'csv (default) or xlsx' }) };
const documentFilters = listQuery.omit({ limit: true, cursor: true }).extend(format).strict();
const tableFile = (what: string) => ({
  description: `${what}: every row the filters select, streamed, with a header row`,
  content: {
    'text/csv': { schema: binary },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: binary },
  },
});
const csvNote =
  'CSV text cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) are prefixed with an apostrophe; XLSX cells are typed (numbers as numbers), never formulas.';

export const exportDocumentsSchema = {
  operationId: 'exportDocuments',
  summary: 'Export documents as CSV or XLSX',
  description: `The same filters as GET /documents. ${csvNote}`,
  tags,
  querystring: documentFilters,
  response: { 200: tableFile('Documents'), ...problems(400) },
};
export const exportDocumentLinesSchema = {
  operationId: 'exportDocumentLines',
  summary: 'Export the lines of documents as CSV or XLSX',
  description: `One row per line of each document the GET /documents filters select. ${csvNote}`,
  tags,
  querystring: documentFilters,
  response: { 200: tableFile('Document lines'), ...problems(400) },
};
export const exportUsageSchema = {
  operationId: 'exportUsageRecords',
  summary: 'Export usage records as CSV or XLSX',
  description: `The same filters as GET /usage-records; streamed page by page, so a million records never sit in memory. ${csvNote}`,
  tags,
  querystring: z.object({ ...usageFilterQuery, ...format }).strict(),
  response: { 200: tableFile('Usage records'), ...problems(400) },
};
export const exportPaymentsSchema = {
  operationId: 'exportPayments',
  summary: 'Export payments as CSV or XLSX',
  description: `The same filters as GET /payments; one row per payment with its allocated and unallocated money and, in documentIds, the documents it pays (space-separated). ${csvNote}`,
  tags,
  querystring: paymentListQuery.omit({ limit: true, cursor: true }).extend(format).strict(),
  response: { 200: tableFile('Payments'), ...problems(400) },
};

export const exportAccountingSchema = {
  operationId: 'exportAccounting',
  summary: 'Export issued documents and payments of a period for accounting (1C)',
  description:
    'Documents issued from `from` to `to` (inclusive; cancelled ones marked) with their lines, and the payments received in the period. format=commerceml (CommerceML 2.10, which 1C imports) or csv; any other format is 422 UNSUPPORTED_FORMAT. The mapping is in docs/outputs.md.',
  tags,
  querystring: z
    .object({
      from: z.string().max(10).meta({ description: 'First issue date, YYYY-MM-DD' }),
      to: z.string().max(10).meta({ description: 'Last issue date, YYYY-MM-DD' }),
      format: z.string().max(40).default('commerceml').meta({ description: 'commerceml (default) or csv' }),
    })
    .strict(),
  response: {
    200: {
      description: 'The accounting file',
      content: { 'application/xml': { schema: binary }, 'text/csv': { schema: binary } },
    },
    ...problems(400, 422),
  },
};
