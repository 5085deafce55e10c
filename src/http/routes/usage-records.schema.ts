import { z } from 'zod';
import { MAX_BATCH_RECORDS } from '../../app/usage/ingest-usage-records.ts';
import { CurrencyCode, Decimal, Instant, listOf, pageQuery } from '../schemas/common.ts';
import { FieldErrorSchema, idempotencyHeaders, json, problems } from '../schemas/responses.ts';
import { instant, safeId, text, usageFilterQuery } from './usage-schemas.ts';

const tags = ['usage'];

export const UsageRecord = z
  .object({
    id: z.string(),
    externalId: z.string().meta({ description: 'The id the source gave the record; unique per source' }),
    source: z.string(),
    customerId: z.string().nullable(),
    startedAt: Instant,
    durationSeconds: z.int(),
    billableSeconds: z.int().nullable(),
    direction: z.enum(['outbound', 'inbound']),
    external: z.boolean(),
    caller: z.string(),
    callee: z.string(),
    destination: z.string().nullable().meta({ description: "The destination's name" }),
    destinationPrefix: z.string().nullable(),
    price: Decimal.nullable().meta({ description: 'Rated price, 6 decimals; null while unrated' }),
    currency: CurrencyCode.nullable(),
    rated: z.boolean(),
    preRated: z.boolean().meta({ description: 'Priced upstream; re-rating keeps the price' }),
    unratedReason: z.string().nullable(),
    ratePlanId: z.string().nullable(),
    classifiedBy: z
      .enum(['record', 'rule', 'default'])
      .nullable()
      .meta({ description: 'How direction and external were decided; null before classification existed' }),
    cdrFields: z
      .record(z.string(), z.string())
      .nullable()
      .meta({ description: 'The fields of the source row classification rules read' }),
    documentId: z.string().nullable().meta({ description: 'The document that bills the record' }),
    importId: z.string().nullable(),
    createdAt: Instant,
  })
  .meta({
    id: 'UsageRecord',
    description: 'A usage record (CDR)',
    examples: [
      {
        id: '2709',
        externalId: 'sw1-002708',
        source: 'sw1',
        customerId: 'cus_0mx30fdw60002751ebeecfcd',
        startedAt: '2026-09-30T22:02:46Z',
        durationSeconds: 105,
        billableSeconds: 105,
        direction: 'outbound',
        external: true,
        caller: '34911111111',
        callee: '33612457544',
        destination: 'France mobile',
        destinationPrefix: '336',
        price: '0.113750',
        currency: 'EUR',
        rated: true,
        preRated: false,
        unratedReason: null,
        ratePlanId: 'rp_0mx30fe2q000a08768bdee79',
        classifiedBy: 'default',
        cdrFields: null,
        documentId: 'doc_0mx30fem00004fca9698de07',
        importId: null,
        createdAt: '2026-11-30T08:32:24.381Z',
      },
    ],
  });

export const BatchResult = z
  .object({
    accepted: z.int(),
    duplicates: z.int().meta({ description: 'Records already stored (same source and externalId)' }),
    classes: z
      .object({ outboundExternal: z.int(), outboundInternal: z.int(), inbound: z.int(), ignored: z.int() })
      .meta({ description: 'Accepted records per class' }),
    ignored: z
      .array(z.object({ index: z.int(), reason: z.string() }))
      .meta({ description: 'Records a classification rule of their source skipped: not stored, not rejected' }),
    rejected: z.array(
      z.object({
        index: z.int().meta({ description: 'Position of the record in the batch, from 0' }),
        code: z.string(),
        detail: z.string(),
        errors: z.array(FieldErrorSchema),
      }),
    ),
  })
  .meta({ id: 'UsageBatchResult' });

const totalsRow = {
  currency: CurrencyCode.nullable(),
  calls: z.int(),
  unratedCalls: z.int(),
  durationSeconds: z.int(),
  billableSeconds: z.int(),
  amount: Decimal,
};
export const UsageTotals = z
  .object({
    data: z.array(z.object({ prefix: z.string().nullable(), destination: z.string().nullable(), ...totalsRow })),
    totals: z.array(z.object(totalsRow)).meta({ description: 'Sums per currency' }),
  })
  .meta({ id: 'UsageTotals' });

export const UnratedCount = z
  .object({
    customerId: z.string(),
    customerName: z.string(),
    unrated: z.int(),
    reasons: z.record(z.string(), z.int()).meta({ description: 'Count per reason code' }),
  })
  .meta({ id: 'UnratedCount' });

export const RerateCreditNote = z
  .object({
    id: z.string().meta({ description: 'The credit note (GET /documents/{id})' }),
    number: z.string().nullable(),
    creditedDocumentId: z.string().meta({ description: 'The issued invoice it corrects' }),
    total: Decimal.meta({ description: 'Gross amount credited' }),
    currency: CurrencyCode,
    creditedLineIds: z.array(z.string()).meta({ description: 'The usage lines of the invoice it credits, whole' }),
    releasedRecordIds: z
      .array(z.string())
      .meta({ description: 'Records taken off the invoice: the next invoice of the period bills them' }),
  })
  .meta({ id: 'RerateCreditNote' });

export const RerateResult = z
  .object({
    selected: z.int(),
    changed: z.int(),
    rated: z.int(),
    unrated: z.int(),
    documentsNeedingRegeneration: z.array(z.string()),
    creditNotes: z
      .array(RerateCreditNote)
      .meta({ description: 'With issuedDocuments "credit": one per issued invoice whose usage changed' }),
    releasedRecordIds: z
      .array(z.string())
      .meta({ description: 'Every record taken off an issued invoice by this re-rate, sorted' }),
  })
  .meta({ id: 'RerateResult' });

export const ingestUsageSchema = {
  operationId: 'ingestUsageRecords',
  summary: `Ingest a batch of up to ${MAX_BATCH_RECORDS} usage records (CDRs)`,
  description:
    'Records are checked one by one: the answer counts accepted and duplicate records and lists every rejected one with its index, code and detail (kept as an open rejection). Re-sending a record (same source and externalId) is a duplicate, never a second record.',
  tags,
  headers: idempotencyHeaders,
  body: z
    .object({
      records: z.array(z.unknown()).min(1).max(MAX_BATCH_RECORDS).meta({
        description:
          'Usage records: externalId, source, customerId or accountCode or caller, startedAt, durationSeconds, direction, external, caller, callee, optional price and currency',
      }),
    })
    .strict(),
  response: { 200: json(BatchResult, 'What was accepted and what was rejected'), ...problems(413) },
};

export const listUsageSchema = {
  operationId: 'listUsageRecords',
  summary: 'List usage records',
  description: 'In start-time order. from is inclusive, to exclusive.',
  tags,
  querystring: z.object({ ...usageFilterQuery, ...pageQuery }).strict(),
  response: { 200: json(listOf(UsageRecord, 'UsageRecordList'), 'A page of usage records'), ...problems() },
};

export const usageTotalsSchema = {
  operationId: 'getUsageTotals',
  summary: 'Calls, seconds and amount per destination',
  tags,
  querystring: z.object(usageFilterQuery).strict(),
  response: { 200: json(UsageTotals, 'Per destination and per currency'), ...problems() },
};

export const unratedCountsSchema = {
  operationId: 'listUnratedUsage',
  summary: 'Unrated records per customer, with their reasons',
  tags,
  querystring: z.object(usageFilterQuery).strict(),
  response: {
    200: json(z.object({ data: z.array(UnratedCount) }).meta({ id: 'UnratedCountList' }), 'Per customer'),
    ...problems(),
  },
};

export const rerateSchema = {
  operationId: 'rerateUsage',
  summary: "Re-rate a customer's usage of a period with the current rates",
  description:
    'Optionally one destination pattern. Issued documents are never changed. With issuedDocuments ' +
    '"refuse" (the default) the re-rate is refused with 409 RERATE_ISSUED_DOCUMENTS (and documentIds) ' +
    'when records sit on issued documents. With "credit", each issued invoice holding records whose price ' +
    'changes gets a credit note for exactly the usage lines holding them (whole lines, less their share ' +
    "of the call discount), those lines' records are released, and the next invoice of the period (POST " +
    '/documents or a generation session) bills them at the new price; records whose price does not change ' +
    'stay where they are, so a repeat does nothing. 409 RERATE_LINE_CREDITED when such a line was already ' +
    'credited by another credit note, RERATE_LINE_NOT_FOUND when the invoice has no usage line for the ' +
    'call; 422 NO_NUMBER_SEQUENCE without a credit-note number sequence. Drafts holding changed records ' +
    'are marked for regeneration.',
  tags,
  headers: idempotencyHeaders,
  body: z
    .object({
      customerId: safeId,
      from: instant,
      to: instant,
      destination: text(40).optional(),
      issuedDocuments: z.enum(['refuse', 'credit']).optional().meta({
        description:
          'What to do with records on issued invoices: refuse (default, 409 RERATE_ISSUED_DOCUMENTS) or credit (credit note, release, bill again)',
      }),
    })
    .strict(),
  response: { 200: json(RerateResult, 'What changed'), ...problems(404, 409, 422) },
};

export const getUsageSchema = {
  operationId: 'getUsageRecord',
  summary: 'Get a usage record',
  tags,
  params: z.object({ id: text(40) }).strict(),
  response: { 200: json(UsageRecord, 'The usage record'), ...problems(404) },
};
