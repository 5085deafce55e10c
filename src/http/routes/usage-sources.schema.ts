import { z } from 'zod';
import { Instant, listOf, pageQuery } from '../schemas/common.ts';
import { FieldErrorSchema, json, noContent, problems } from '../schemas/responses.ts';
import { CLASSIFY_FORMATS, MATCH_KINDS, MAX_RULES } from '../../core/usage/index.ts';
import { instant, safeId, safeIdParams, text } from './usage-schemas.ts';

const tags = ['usage'];

// Classification settings: request bodies are described loosely on purpose, the use case checks every
// rule and reports all problems at once with their own codes (RULE_FIELD_NOT_IN_FORMAT, UNSAFE_REGEX …).

export const sourceParams = z.object({ source: text(255) }).strict();

const ruleSchema = z
  .object({
    field: z.string().describe('A field of the source format (Asterisk: dcontext, channel, dstchannel, src, dst …)'),
    match: z.string().describe(`One of ${MATCH_KINDS.join(', ')}`),
    pattern: z
      .string()
      .describe('Exact text, a prefix, or a regular expression (checked for catastrophic backtracking)'),
    direction: z.unknown().optional().describe('outbound | inbound (with external)'),
    external: z.unknown().optional().describe('true | false (with direction)'),
    ignore: z.unknown().optional().describe('true: skip the row as ignored (with reason)'),
    reason: z.unknown().optional(),
  })
  .strict();

export const sourceSettingsBody = z
  .object({
    format: z
      .string()
      .optional()
      .describe(`One of ${CLASSIFY_FORMATS.join(', ')}; default csv`),
    internalMaxDigits: z.unknown().optional().describe('A callee of at most this many digits is internal; default 6'),
    rules: z.array(ruleSchema).max(MAX_RULES).optional().describe('Ordered: the first matching rule decides'),
  })
  .strict();

const storedRule = z.object({
  field: z.string(),
  match: z.enum(MATCH_KINDS),
  pattern: z.string(),
  direction: z.enum(['outbound', 'inbound']).optional(),
  external: z.boolean().optional(),
  ignore: z.literal(true).optional(),
  reason: z.string().optional(),
});

export const sourceView = z
  .object({
    source: z.string(),
    format: z.enum(CLASSIFY_FORMATS),
    internalMaxDigits: z.number().int(),
    rules: z.array(storedRule).readonly(),
    configured: z.boolean(),
    watermark: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'UsageSource', description: 'A source with its classification settings and watermark' });

export const reclassifyBody = z.object({ from: instant, to: instant }).strict();

export const reclassifyResult = z
  .object({
    selected: z.number().int(),
    changed: z.number().int(),
    ignored: z.number().int(),
    outboundExternal: z.number().int(),
    outboundInternal: z.number().int(),
    inbound: z.number().int(),
    rated: z.number().int(),
    unrated: z.number().int(),
    documentsNeedingRegeneration: z.array(z.string()),
  })
  .meta({ id: 'ReclassifyResult' });

export const SourceWatermark = z
  .object({
    source: z.string(),
    watermark: Instant.nullable().meta({ description: 'Every record up to this instant has been delivered' }),
    updatedAt: Instant.nullable(),
  })
  .meta({ id: 'SourceWatermark' });

export const UsageRejection = z
  .object({
    id: z.string(),
    importId: z.string().nullable(),
    source: z.string().nullable(),
    line: z.int().nullable().meta({ description: 'Line of the file, for imports' }),
    raw: z.unknown().meta({ description: 'The row as received' }),
    code: z.string(),
    detail: z.string(),
    errors: z.array(FieldErrorSchema),
    status: z.enum(['open', 'resolved', 'discarded']),
    createdAt: Instant,
    resolvedAt: Instant.nullable(),
  })
  .meta({ id: 'UsageRejection', description: 'A usage row that was refused, kept for re-processing' });
export const UsageRejectionList = listOf(UsageRejection, 'UsageRejectionList');

export const ReprocessResult = z
  .object({
    processed: z.int(),
    accepted: z.int(),
    duplicates: z.int(),
    skipped: z.int(),
    ignored: z.int().meta({ description: 'Rows a classification rule now ignores: resolved, not stored' }),
    stillRejected: z.int(),
  })
  .meta({ id: 'ReprocessResult' });

export const listSourcesSchema = {
  operationId: 'listUsageSources',
  summary: 'Sources of usage and their watermarks',
  tags,
  response: {
    200: json(z.object({ data: z.array(SourceWatermark) }).meta({ id: 'SourceWatermarkList' }), 'Every source'),
    ...problems(),
  },
};

export const setWatermarkSchema = {
  operationId: 'setUsageSourceWatermark',
  summary: 'Declare that every record of a source up to an instant has been delivered',
  description: 'Invoicing refuses periods that end after the watermark of a source that keeps one.',
  tags,
  params: z.object({ source: text(255) }).strict(),
  body: z.object({ watermark: instant.meta({ format: 'date-time' }) }).strict(),
  response: { 200: json(SourceWatermark, 'The source with its new watermark'), ...problems(422) },
};

const rejectionFilter = {
  status: z.enum(['open', 'resolved', 'discarded']).optional(),
  importId: safeId.optional(),
  source: text(255).optional(),
  code: text(64).optional(),
};

export const listRejectionsSchema = {
  operationId: 'listUsageRejections',
  summary: 'List rejected usage rows',
  tags,
  querystring: z.object({ ...rejectionFilter, ...pageQuery }).strict(),
  response: { 200: json(UsageRejectionList, 'A page of rejections'), ...problems() },
};

export const reprocessSchema = {
  operationId: 'reprocessUsageRejections',
  summary: 'Run open rejections through ingestion again',
  description:
    'After fixing what made them fail (a customer mapping, say). Rows that now pass are stored and their rejection is resolved.',
  tags,
  body: z
    .object({
      ids: z.array(text(40)).max(10_000).optional(),
      importId: safeId.optional(),
      source: text(255).optional(),
      code: text(64).optional(),
    })
    .strict(),
  response: { 200: json(ReprocessResult, 'Counts of the run'), ...problems() },
};

export const discardSchema = {
  operationId: 'discardUsageRejection',
  summary: 'Close a rejection that will never be billed',
  tags,
  params: safeIdParams,
  response: { 204: noContent('Discarded'), ...problems(404, 409) },
};

export const getSourceSchema = {
  tags,
  operationId: 'getUsageSource',
  summary: "A source's classification settings (the defaults when none were saved) and watermark",
  params: sourceParams,
  response: { 200: json(sourceView, 'The source'), ...problems() },
};

export const putSourceSchema = {
  tags,
  operationId: 'putUsageSource',
  summary: "Replace a source's format, internal callee length and ordered classification rules",
  description:
    'Rules apply to rows ingested from now on; stored records change with POST /usage-sources/{source}/reclassify. ' +
    'Refused whole (400 INVALID_CLASSIFICATION_RULES, errors[] per rule) for a field the format lacks, an invalid or catastrophic regular expression, or an incomplete outcome.',
  params: sourceParams,
  body: sourceSettingsBody,
  response: { 200: json(sourceView, 'The source as saved'), ...problems() },
};

export const reclassifySchema = {
  tags,
  operationId: 'reclassifyUsageSource',
  summary: "Apply the source's current rules to its records of a period [from, to)",
  description:
    'Refused with 409 RECLASSIFY_ISSUED_DOCUMENTS (and documentIds) when records of the period sit on issued documents. Changed records are rated again; drafts holding them are marked for regeneration.',
  params: sourceParams,
  body: reclassifyBody,
  response: { 200: json(reclassifyResult, 'What changed'), ...problems(409) },
};
