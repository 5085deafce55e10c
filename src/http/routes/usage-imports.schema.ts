import { z } from 'zod';
import { Instant, listOf, pageQuery } from '../schemas/common.ts';
import { idempotencyHeaders, json, problems, uploadBody } from '../schemas/responses.ts';
import { safeIdParams, text } from './usage-schemas.ts';
import { UsageRejectionList } from './usage-sources.schema.ts';

const tags = ['usage imports'];
const IMPORT_FORMATS = ['csv', 'asterisk', 'freeswitch-csv', 'freeswitch-xml'] as const;

export const UsageImport = z
  .object({
    id: z.string(),
    source: z.string(),
    format: z.enum(IMPORT_FORMATS),
    fileName: z.string().nullable(),
    status: z.enum(['queued', 'running', 'completed', 'failed', 'interrupted']).meta({
      description: 'interrupted: the process that ran it stopped; resume it',
    }),
    mapping: z.record(z.string(), z.string()).nullable().meta({ description: 'Usage field → column name' }),
    totalRows: z.int().meta({ description: 'Rows counted at upload' }),
    processedRows: z.int(),
    accepted: z.int(),
    duplicates: z.int(),
    rejected: z.int(),
    skipped: z.int(),
    error: z.string().nullable(),
    createdAt: Instant,
    finishedAt: Instant.nullable(),
    timezone: z.string().nullable(),
    encoding: z.string(),
    origin: z.string(),
    progress: z.number().min(0).max(1).meta({ description: 'Fraction of the rows processed' }),
    classes: z
      .object({
        outboundExternal: z.int(),
        outboundInternal: z.int(),
        inbound: z.int(),
        ignored: z.int(),
        skippedUnanswered: z.int(),
      })
      .meta({
        description: 'Rows per class: accepted records by direction and network, ignored rows, unanswered attempts',
      }),
    ignoredReasons: z.record(z.string(), z.int()).meta({ description: 'Ignored rows per reason of the rule' }),
  })
  .meta({
    id: 'UsageImport',
    description: 'An uploaded usage file being processed in the background',
    examples: [
      {
        id: 'imp_0mx31a2b3000c0ffee000001',
        source: 'sw1',
        format: 'csv',
        fileName: 'october.csv',
        status: 'running',
        mapping: null,
        totalRows: 120000,
        processedRows: 40000,
        accepted: 39990,
        duplicates: 4,
        rejected: 6,
        skipped: 0,
        error: null,
        createdAt: '2026-11-30T08:40:00.000Z',
        finishedAt: null,
        timezone: null,
        encoding: 'utf-8',
        origin: 'api',
        progress: 0.333,
        classes: { outboundExternal: 39000, outboundInternal: 500, inbound: 490, ignored: 0, skippedUnanswered: 0 },
        ignoredReasons: {},
      },
    ],
  });

export const importQuery = z
  .object({
    format: z.enum(IMPORT_FORMATS).meta({
      description: 'csv: a header row; asterisk: Master.csv columns; freeswitch-csv, freeswitch-xml: FreeSWITCH CDRs',
    }),
    source: text(255).optional(),
    timezone: text(64).optional().meta({ description: 'Zone of switch local times; default the tenant zone' }),
    mapping: text(4000)
      .optional()
      .meta({ description: 'csv only: JSON object, usage field → column name, e.g. {"externalId":"uniqueid"}' }),
    encoding: text(40).optional().meta({ description: 'utf-8 (default), windows-1252, utf-16le…' }),
    fileName: text(255).optional(),
    batchSize: z.coerce.number().int().min(1).max(100_000).optional(),
  })
  .strict();

export const uploadUsageSchema = {
  operationId: 'createUsageImport',
  summary: 'Upload a usage file (CSV, Asterisk Master.csv, FreeSWITCH CDRs)',
  description:
    'Send the file itself as the body: Content-Type text/csv, or application/xml for FreeSWITCH XML CDRs. Rows are classified by the source rules (GET /usage-sources/{source}). Answers 202 at once with the import; poll it for progress.',
  tags,
  consumes: ['text/csv', 'application/xml'],
  headers: idempotencyHeaders,
  querystring: importQuery,
  body: uploadBody('The usage file'),
  response: { 202: json(UsageImport, 'Accepted; poll the import'), ...problems(413, 415, 422) },
};

export const listImportsSchema = {
  operationId: 'listUsageImports',
  summary: 'List usage imports',
  tags,
  querystring: z.object(pageQuery).strict(),
  response: { 200: json(listOf(UsageImport, 'UsageImportList'), 'A page of imports'), ...problems() },
};

export const getImportSchema = {
  operationId: 'getUsageImport',
  summary: 'Progress and counts of an import',
  tags,
  params: safeIdParams,
  response: { 200: json(UsageImport, 'The import'), ...problems(404) },
};

export const resumeImportSchema = {
  operationId: 'resumeUsageImport',
  summary: 'Continue an interrupted or failed import',
  description: 'Continues from its processed rows; rows already stored are not stored twice.',
  tags,
  params: safeIdParams,
  response: { 202: json(UsageImport, 'Queued again'), ...problems(404, 409, 422) },
};

export const importRejectionsSchema = {
  operationId: 'listUsageImportRejections',
  summary: 'Rejected rows of an import, with line, code and detail',
  tags,
  params: safeIdParams,
  querystring: z.object(pageQuery).strict(),
  response: { 200: json(UsageRejectionList, 'A page of rejections'), ...problems(404) },
};
