import { z } from 'zod';
import { DOCUMENT_TYPES } from '../../core/documents/types.ts';
import { XLSX_FIELDS, XLSX_LINE_FIELDS } from '../../core/outputs/xlsx-mapping.ts';
import { idParams, Instant, listOf } from '../schemas/common.ts';
import { idempotencyHeaders, json, problems, uploadBody } from '../schemas/responses.ts';

const tags = ['templates'];
const cell = z
  .string()
  .max(12)
  .meta({ description: 'A cell address such as A2, B15, AA9; empty leaves the value out' });
const column = z.string().max(3).meta({ description: 'A column letter (A..XFD)' });

export const XlsxMappingSchema = z
  .object({
    sheet: z.string().max(31).optional().meta({ description: 'The worksheet to fill; the first when absent' }),
    cells: z.object(Object.fromEntries(XLSX_FIELDS.map((f) => [f, cell.optional()]))).strict(),
    lines: z
      .object({
        startRow: z.int().meta({ description: 'The first row of the table: its styled model row' }),
        columns: z.object(Object.fromEntries(XLSX_LINE_FIELDS.map((f) => [f, column.optional()]))).strict(),
        mode: z.enum(['insert', 'fill']).meta({
          description:
            'insert: each further line duplicates the model row, pushing rows below down; fill: a fixed area of maxRows rows',
        }),
        maxRows: z.int().optional(),
      })
      .strict()
      .optional(),
    noCurrencyNames: z.boolean().default(false).meta({
      description: 'Amounts as plain numbers with the currency decimals (for formulas) instead of "90.00 EUR"',
    }),
  })
  .strict()
  .meta({ id: 'XlsxMapping' });

export const XlsxTemplate = z
  .object({
    id: z.string(),
    name: z.string(),
    documentType: z.enum(DOCUMENT_TYPES),
    mapping: XlsxMappingSchema.nullable(),
    active: z.boolean(),
    sizeBytes: z.int(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'XlsxTemplate' });

export const uploadXlsxTemplateSchema = {
  operationId: 'uploadXlsxTemplate',
  summary: 'Upload an XLSX template for a document type',
  description:
    'Send the .xlsx file itself as the body. Refused with 422 NOT_XLSX, FILE_TOO_LARGE (over 5 MB) or ZIP_BOMB (over 1000 entries, 50 MB expanded, or an expansion ratio over 200); nothing is stored then.',
  tags,
  consumes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'],
  headers: idempotencyHeaders,
  querystring: z.object({ name: z.string().min(1).max(200), documentType: z.enum(DOCUMENT_TYPES) }).strict(),
  body: uploadBody('The XLSX file'),
  response: { 201: json(XlsxTemplate, 'Stored'), ...problems(400, 413, 415, 422) },
};
export const listXlsxTemplatesSchema = {
  operationId: 'listXlsxTemplates',
  summary: 'List XLSX templates',
  tags,
  response: { 200: json(listOf(XlsxTemplate, 'XlsxTemplateList'), 'The templates'), ...problems() },
};
export const getXlsxTemplateSchema = {
  operationId: 'getXlsxTemplate',
  summary: 'Get an XLSX template',
  tags,
  params: idParams,
  response: { 200: json(XlsxTemplate, 'The template'), ...problems(404) },
};
export const setXlsxMappingSchema = {
  operationId: 'setXlsxTemplateMapping',
  summary: 'Set where each value goes in an XLSX template',
  description:
    'Refused with 400: INVALID_CELL_ADDRESS (e.g. ZZZZ0, A0), CELL_TAKEN (two values in one cell, or a header cell inside a fill table).',
  tags,
  params: idParams,
  body: XlsxMappingSchema,
  response: { 200: json(XlsxTemplate, 'The template with its mapping'), ...problems(400, 404) },
};
export const activateXlsxTemplateSchema = {
  operationId: 'activateXlsxTemplate',
  summary: 'Make an XLSX template the one its document type uses',
  description:
    'applyToExisting: true also drops the stored XLSX of existing documents of that type, so each is made again from this template at its next download.',
  tags,
  params: idParams,
  body: z.object({ applyToExisting: z.boolean().default(false) }).strict(),
  response: {
    200: json(
      z.object({ template: XlsxTemplate, documentsToRerender: z.int() }).meta({ id: 'XlsxTemplateActivation' }),
      'Active',
    ),
    ...problems(400, 404, 409),
  },
};
