import { z } from 'zod';
import { amount, idParams, Instant, listOf, Money } from '../schemas/common.ts';
import { idempotencyHeaders, json, problems } from '../schemas/responses.ts';
import { DocumentType } from './documents.schema.ts';

const resets = ['never', 'yearly', 'monthly'] as const;

const sequenceFields = {
  name: z.string().min(1).max(100),
  documentType: DocumentType,
  prefix: z.string().max(50).default(''),
  padding: z.number().int().min(0).max(20).default(0),
  increment: z.number().int().min(1).max(1000).default(1),
  start: z.number().int().min(0).max(1_000_000_000).default(1),
  reset: z.enum(resets).default('never'),
  pattern: z
    .string()
    .max(100)
    .nullable()
    .default(null)
    .meta({ description: 'Tokens {PREFIX} {YYYY} {YY} {MM} {DD} {SEQ}; null means prefix + {SEQ}' }),
};
const sequencePatch = z
  .object({
    name: sequenceFields.name.optional(),
    prefix: z.string().max(50).optional(),
    padding: z.number().int().min(0).max(20).optional(),
    increment: z.number().int().min(1).max(1000).optional(),
    start: z.number().int().min(0).max(1_000_000_000).optional(),
    reset: z.enum(resets).optional(),
    pattern: z.string().max(100).nullable().optional(),
  })
  .strict();
const nonNegative = amount.refine((v) => !v.startsWith('-'), {
  message: 'must not be negative',
  params: { code: 'NEGATIVE' },
});

export const NumberSequence = z
  .object({
    id: z.string(),
    name: z.string(),
    documentType: DocumentType,
    prefix: z.string(),
    padding: z.int(),
    increment: z.int(),
    start: z.int(),
    reset: z.enum(resets),
    pattern: z.string().nullable().optional(),
    createdAt: Instant,
    latestValue: z.string().nullable().meta({ description: 'The last number issued in the current reset period' }),
    nextNumber: z.string().meta({ description: 'What the next issued document would get today' }),
  })
  .meta({
    id: 'NumberSequence',
    description: 'A named autonumberer',
    examples: [
      {
        id: 'seq_0mx30fekx000e17542af4207',
        name: 'Invoices',
        documentType: 'invoice',
        prefix: 'CT',
        padding: 5,
        increment: 1,
        start: 1,
        reset: 'yearly',
        pattern: '{PREFIX}-{YYYY}-{SEQ}',
        createdAt: '2026-11-30T08:32:24.465Z',
        latestValue: 'CT-2026-00002',
        nextNumber: 'CT-2026-00003',
      },
    ],
  });

export const FixedCost = z
  .object({ id: z.string(), name: z.string(), description: z.string().nullable(), cost: Money, createdAt: Instant })
  .meta({
    id: 'FixedCost',
    description: 'A fixed charge that can be added to documents',
    examples: [
      {
        id: 'fc_0mx30fel40001881c5877ea8',
        name: 'Line rental',
        description: 'SIP trunk, 10 channels',
        cost: '45.00',
        createdAt: '2026-11-30T08:32:24.472Z',
      },
    ],
  });

const fcBody = z
  .object({
    name: z.string().min(1).max(200),
    description: z.string().max(1000).nullable().optional(),
    cost: nonNegative,
  })
  .strict();

const seq = { tags: ['numbering'] };
export const createSequenceSchema = {
  ...seq,
  operationId: 'createNumberSequence',
  summary: 'Create a number sequence',
  description: 'Numbers are taken only when a document is issued, gapless and unique.',
  headers: idempotencyHeaders,
  body: z.object(sequenceFields).strict(),
  response: { 201: json(NumberSequence, 'The sequence created'), ...problems(409) },
};
export const listSequencesSchema = {
  ...seq,
  operationId: 'listNumberSequences',
  summary: 'List number sequences',
  querystring: z.object({ documentType: DocumentType.optional() }).strict(),
  response: { 200: json(listOf(NumberSequence, 'NumberSequenceList'), 'Every sequence (one page)'), ...problems() },
};
export const getSequenceSchema = {
  ...seq,
  operationId: 'getNumberSequence',
  summary: 'Get a number sequence',
  params: idParams,
  response: { 200: json(NumberSequence, 'The sequence'), ...problems(404) },
};
export const updateSequenceSchema = {
  ...seq,
  operationId: 'updateNumberSequence',
  summary: 'Change a number sequence',
  description: 'Numbers already issued keep their value.',
  params: idParams,
  body: sequencePatch,
  response: { 200: json(NumberSequence, 'The sequence as changed'), ...problems(404, 409, 422) },
};

const fc = { tags: ['fixed costs'] };
export const createFixedCostSchema = {
  ...fc,
  operationId: 'createFixedCost',
  summary: 'Create a fixed cost',
  headers: idempotencyHeaders,
  body: fcBody,
  response: { 201: json(FixedCost, 'The fixed cost created'), ...problems() },
};
export const listFixedCostsSchema = {
  ...fc,
  operationId: 'listFixedCosts',
  summary: 'List fixed costs',
  response: { 200: json(listOf(FixedCost, 'FixedCostList'), 'Every fixed cost (one page)'), ...problems() },
};
export const getFixedCostSchema = {
  ...fc,
  operationId: 'getFixedCost',
  summary: 'Get a fixed cost',
  params: idParams,
  response: { 200: json(FixedCost, 'The fixed cost'), ...problems(404) },
};
export const updateFixedCostSchema = {
  ...fc,
  operationId: 'updateFixedCost',
  summary: 'Change a fixed cost',
  description: 'Drafts pick the new cost up when generated again; issued documents keep theirs.',
  params: idParams,
  body: fcBody.partial().strict(),
  response: { 200: json(FixedCost, 'The fixed cost as changed'), ...problems(404) },
};
