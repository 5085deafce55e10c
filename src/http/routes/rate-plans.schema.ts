import { z } from 'zod';
import { currency, CurrencyCode, DateString, Decimal, Instant, listOf, pageQuery } from '../schemas/common.ts';
import { idempotencyHeaders, json, noContent, problems, uploadBody } from '../schemas/responses.ts';
import { flag, optionalDate, safeId, safeIdParams, text } from './usage-schemas.ts';
import { CatalogRejection } from './destinations.schema.ts';

const tags = ['rate plans'];

// Amounts are decimal strings (never JSON numbers: they may already be inexact floats); the use
// case checks them with core/rating's rules and reports rates[i].field.
const rateInput = z
  .object({
    prefix: text(40),
    pricePerMinute: text(40).meta({ examples: ['0.2000'] }),
    connectionFee: text(40).optional(),
    minimumSeconds: z.number().int().optional(),
    incrementSeconds: z.number().int().optional(),
  })
  .strict();
const dateInput = optionalDate.meta({ format: 'date' });
const planFields = { name: text(200), validFrom: dateInput, validTo: dateInput };

export const Rate = z
  .object({
    prefix: z.string(),
    pricePerMinute: Decimal,
    connectionFee: Decimal,
    minimumSeconds: z.int(),
    incrementSeconds: z.int(),
    destination: z.string().nullable().meta({ description: 'The destination name for the prefix, if known' }),
  })
  .meta({ id: 'Rate', description: 'The price of calls to a prefix' });

const planShape = {
  id: z.string(),
  name: z.string(),
  currency: CurrencyCode,
  validFrom: DateString.nullable(),
  validTo: DateString.nullable(),
  rateCount: z.int(),
  createdAt: Instant,
  updatedAt: Instant,
};
const planExample = {
  id: 'rp_0mx30fe2q000a08768bdee79',
  name: 'Retail 2024',
  currency: 'EUR',
  validFrom: '2024-01-01',
  validTo: null,
  rateCount: 16,
  createdAt: '2026-11-30T08:32:23.810Z',
  updatedAt: '2026-11-30T08:32:23.810Z',
};
export const RatePlan = z
  .object(planShape)
  .meta({ id: 'RatePlan', description: 'A rate plan (without its rates)', examples: [planExample] });
export const RatePlanWithRates = z.object({ ...planShape, rates: z.array(Rate) }).meta({
  id: 'RatePlanWithRates',
  description: 'A rate plan with all its rates',
  examples: [
    {
      ...planExample,
      rates: [
        {
          prefix: '35567',
          pricePerMinute: '0.200000',
          connectionFee: '0.000000',
          minimumSeconds: 0,
          incrementSeconds: 60,
          destination: 'Albania mobile',
        },
      ],
    },
  ],
});

const RatesChange = z
  .object({
    created: z.int(),
    updated: z.int(),
    deleted: z.int(),
    rateCount: z.int(),
    rejected: z.array(CatalogRejection),
  })
  .meta({ id: 'RatesChange' });

export const Assignment = z
  .object({
    id: z.string(),
    customerId: z.string(),
    ratePlanId: z.string(),
    validFrom: DateString,
    validTo: DateString.nullable().meta({ description: 'Exclusive end; null: open-ended' }),
    createdAt: Instant,
  })
  .meta({ id: 'RatePlanAssignment', description: 'A customer rated with a plan from a date' });

export const createRatePlanSchema = {
  operationId: 'createRatePlan',
  summary: 'Create a rate plan',
  description: 'Per prefix: a price per minute, a connection fee, a minimum duration and a billing increment.',
  tags,
  headers: idempotencyHeaders,
  body: z.object({ ...planFields, currency, rates: z.array(rateInput).max(200_000).optional() }).strict(),
  response: { 201: json(RatePlanWithRates, 'The plan created'), ...problems(413) },
};
export const listRatePlansSchema = {
  operationId: 'listRatePlans',
  summary: 'List rate plans',
  tags,
  querystring: z.object(pageQuery).strict(),
  response: { 200: json(listOf(RatePlan, 'RatePlanList'), 'A page of plans'), ...problems() },
};
export const getRatePlanSchema = {
  operationId: 'getRatePlan',
  summary: 'Get a rate plan with all its rates',
  tags,
  params: safeIdParams,
  response: { 200: json(RatePlanWithRates, 'The plan'), ...problems(404) },
};
export const updateRatePlanSchema = {
  operationId: 'updateRatePlan',
  summary: 'Change a rate plan',
  tags,
  params: safeIdParams,
  body: z.object({ name: planFields.name.optional(), validFrom: dateInput, validTo: dateInput }).strict(),
  response: { 200: json(RatePlan, 'The plan as changed'), ...problems(404) },
};
export const listRatesSchema = {
  operationId: 'listRates',
  summary: 'List the rates of a plan',
  tags,
  params: safeIdParams,
  querystring: z
    .object({ prefix: text(40).optional().meta({ description: 'Prefix; % is a wildcard (35%, %67)' }), ...pageQuery })
    .strict(),
  response: { 200: json(listOf(Rate, 'RateList'), 'A page of rates'), ...problems(404) },
};
export const upsertRatesSchema = {
  operationId: 'upsertRates',
  summary: 'Add or change rates by prefix',
  description: 'With replace=true the plan ends up with exactly these rates.',
  tags,
  params: safeIdParams,
  body: z.object({ rates: z.array(rateInput).max(200_000), replace: z.boolean().optional() }).strict(),
  response: { 200: json(RatesChange, 'What changed'), ...problems(404, 413) },
};
export const importRatesSchema = {
  operationId: 'importRates',
  summary: 'Import a rate sheet from CSV',
  description:
    'Send the CSV itself as the body (Content-Type text/csv) with the columns prefix, pricePerMinute, connectionFee, minimumSeconds, incrementSeconds, name. Names create or rename destinations. replace=true removes prefixes absent from a sheet without bad rows.',
  tags,
  consumes: ['text/csv'],
  params: safeIdParams,
  querystring: z.object({ replace: flag.optional() }).strict(),
  body: uploadBody('The rate sheet as CSV'),
  response: { 200: json(RatesChange, 'What changed and the refused lines'), ...problems(404, 413, 415) },
};
export const deleteRateSchema = {
  operationId: 'deleteRate',
  summary: 'Delete the rate of a prefix',
  tags,
  params: z.object({ id: safeId, prefix: text(40) }).strict(),
  response: { 204: noContent('Deleted'), ...problems(404) },
};

export const createAssignmentSchema = {
  operationId: 'createRatePlanAssignment',
  summary: 'Rate a customer with a plan from a date',
  description: 'validTo is an exclusive end date; assignments of a customer must not overlap.',
  tags,
  headers: idempotencyHeaders,
  body: z
    .object({
      customerId: safeId,
      ratePlanId: safeId,
      validFrom: text(10).meta({ format: 'date' }),
      validTo: dateInput,
    })
    .strict(),
  response: { 201: json(Assignment, 'The assignment created'), ...problems(404, 409, 422) },
};
export const listAssignmentsSchema = {
  operationId: 'listRatePlanAssignments',
  summary: 'List rate plan assignments',
  tags,
  querystring: z.object({ customerId: safeId.optional(), ratePlanId: safeId.optional(), ...pageQuery }).strict(),
  response: { 200: json(listOf(Assignment, 'RatePlanAssignmentList'), 'A page of assignments'), ...problems() },
};
export const getAssignmentSchema = {
  operationId: 'getRatePlanAssignment',
  summary: 'Get a rate plan assignment',
  tags,
  params: safeIdParams,
  response: { 200: json(Assignment, 'The assignment'), ...problems(404) },
};
export const updateAssignmentSchema = {
  operationId: 'updateRatePlanAssignment',
  summary: 'Change the dates of an assignment',
  tags,
  params: safeIdParams,
  body: z.object({ validFrom: text(10).optional().meta({ format: 'date' }), validTo: dateInput }).strict(),
  response: { 200: json(Assignment, 'The assignment as changed'), ...problems(404, 409, 422) },
};
export const deleteAssignmentSchema = {
  operationId: 'deleteRatePlanAssignment',
  summary: 'Delete a rate plan assignment',
  tags,
  params: safeIdParams,
  response: { 204: noContent('Deleted'), ...problems(404, 409) },
};
