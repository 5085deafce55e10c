import { z } from 'zod';
import { Instant, listOf, pageQuery } from '../schemas/common.ts';
import { FieldErrorSchema, json, noContent, problems } from '../schemas/responses.ts';
import { instant, safeId, safeIdParams, text } from './usage-schemas.ts';

const tags = ['usage'];

const SourceWatermark = z
  .object({
    source: z.string(),
    watermark: Instant.nullable().meta({ description: 'Every record up to this instant has been delivered' }),
    updatedAt: Instant.nullable(),
  })
  .meta({ id: 'SourceWatermark' });

const UsageRejection = z
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

const ReprocessResult = z
  .object({
    processed: z.int(),
    accepted: z.int(),
    duplicates: z.int(),
    skipped: z.int(),
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
      ids: z.array(text(20)).max(10_000).optional(),
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
