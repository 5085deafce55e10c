import { z } from 'zod';
import { CLASSIFY_FORMATS, MATCH_KINDS, MAX_RULES } from '../../core/usage/index.ts';
import { instant, text } from './usage-schemas.ts';

// Schemas of the usage-source routes: classification settings and reclassification. Request
// bodies are described loosely on purpose: the use case checks every rule and reports all
// problems at once with their own codes (RULE_FIELD_NOT_IN_FORMAT, UNSAFE_REGEX …).

const tags = ['usage'];

/** RFC 9457 problem+json, as http/problem.ts writes it. */
export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});

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

export const sourceView = z.object({
  source: z.string(),
  format: z.enum(CLASSIFY_FORMATS),
  internalMaxDigits: z.number().int(),
  rules: z.array(storedRule).readonly(),
  configured: z.boolean(),
  watermark: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

export const reclassifyBody = z.object({ from: instant, to: instant }).strict();

export const reclassifyResult = z.object({
  selected: z.number().int(),
  changed: z.number().int(),
  ignored: z.number().int(),
  outboundExternal: z.number().int(),
  outboundInternal: z.number().int(),
  inbound: z.number().int(),
  rated: z.number().int(),
  unrated: z.number().int(),
  documentsNeedingRegeneration: z.array(z.string()),
});

export const getSourceSchema = {
  tags,
  operationId: 'getUsageSource',
  summary: "A source's classification settings (the defaults when none were saved) and watermark",
  params: sourceParams,
  response: { 200: sourceView, 400: problemSchema, 401: problemSchema, 403: problemSchema },
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
  response: { 200: sourceView, 400: problemSchema, 401: problemSchema, 403: problemSchema },
};

export const reclassifySchema = {
  tags,
  operationId: 'reclassifyUsageSource',
  summary: "Apply the source's current rules to its records of a period [from, to)",
  description:
    'Refused with 409 RECLASSIFY_ISSUED_DOCUMENTS (and documentIds) when records of the period sit on issued documents. Changed records are rated again; drafts holding them are marked for regeneration.',
  params: sourceParams,
  body: reclassifyBody,
  response: { 200: reclassifyResult, 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema },
};
