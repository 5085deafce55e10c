import { z } from 'zod';
import { idParams, listOf } from '../schemas/common.ts';
import { binary, idempotencyHeaders, json, problems } from '../schemas/responses.ts';
import { DocumentType } from './documents.schema.ts';

const tags = ['templates'];
const locale = z.enum(['en', 'ru']);
const source = z.string().min(1).max(500_000).meta({ description: 'Liquid HTML' });
const formats = z.enum(['html', 'pdf']).default('html');

export const Template = z
  .object({
    id: z.string(),
    name: z.string(),
    documentType: DocumentType,
    locale: z.string().meta({ examples: ['en'] }),
    format: z.literal('html'),
    source: z.string().meta({ description: 'Liquid HTML' }),
    builtin: z.boolean().meta({ description: 'Shipped with Tollbook; copy it to change it' }),
  })
  .meta({ id: 'Template', description: 'A Liquid HTML template documents are rendered with' });

const preview = {
  description: 'The rendered template',
  content: {
    'text/html': { schema: z.string() },
    'application/pdf': { schema: binary },
  },
};

export const listTemplatesSchema = {
  operationId: 'listTemplates',
  summary: 'List built-in and own templates',
  tags,
  response: { 200: json(listOf(Template, 'TemplateList'), 'Every template (one page)'), ...problems() },
};
export const getTemplateSchema = {
  operationId: 'getTemplate',
  summary: 'Get a template with its source',
  tags,
  params: idParams,
  response: { 200: json(Template, 'The template'), ...problems(404) },
};
export const createTemplateSchema = {
  operationId: 'createTemplate',
  summary: 'Upload a template',
  description: 'A syntax error is refused with its line.',
  tags,
  headers: idempotencyHeaders,
  body: z.object({ name: z.string().min(1).max(200), documentType: DocumentType, locale, source }).strict(),
  response: { 201: json(Template, 'The template created'), ...problems(422) },
};
export const updateTemplateSchema = {
  operationId: 'updateTemplate',
  summary: 'Change a template',
  description: 'Built-in templates cannot be changed.',
  tags,
  params: idParams,
  body: z
    .object({ name: z.string().min(1).max(200).optional(), locale: locale.optional(), source: source.optional() })
    .strict(),
  response: { 200: json(Template, 'The template as changed'), ...problems(404, 422) },
};
export const previewTemplateSchema = {
  operationId: 'previewTemplate',
  summary: 'Render a template with demo data',
  description: 'HTML, or PDF with format=pdf.',
  tags,
  params: idParams,
  querystring: z
    .object({
      locale: locale.optional(),
      format: formats,
      documentType: DocumentType.optional().meta({ description: "The sample's type; the template's own by default" }),
    })
    .strict(),
  response: { 200: preview, ...problems(404, 422) },
};
export const previewSourceSchema = {
  operationId: 'previewTemplateSource',
  summary: 'Render a template source being edited with demo data',
  description: 'HTML, or PDF with format=pdf. Nothing is stored.',
  tags,
  body: z
    .object({
      source,
      locale: locale.default('en'),
      format: formats,
      documentType: DocumentType.optional().meta({
        description: 'The type of the sample document; invoice by default',
      }),
    })
    .strict(),
  response: { 200: preview, ...problems(422) },
};
