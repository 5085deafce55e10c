import { z } from 'zod';
import { amount, currency, decimal, id, isoDate, listOf, Money, pageQuery } from '../schemas/common.ts';
import { ALLOCATION_CRITERIA, type AllocationCriterion } from '../../core/payments/index.ts';
import { PAYMENT_METHODS, type PaymentMethod } from '../../app/ports/payments.ts';

const method = z.enum(PAYMENT_METHODS as [PaymentMethod, ...PaymentMethod[]]);
const instant = z.iso
  .datetime({ offset: true })
  .meta({ description: 'ISO 8601 instant', examples: ['2024-03-05T10:00:00Z'] });

export const paymentCreateBody = z
  .object({
    customerId: id
      .nullable()
      .optional()
      .meta({ description: 'Omit to keep the payment unmatched for manual matching' }),
    amount: amount.meta({ description: "More than zero, in the currency's minor units" }),
    currency,
    receivedAt: instant.optional(),
    method: method.optional().meta({ description: 'Default bank_transfer' }),
    payer: z.string().max(200).nullable().optional(),
    reference: z
      .string()
      .max(500)
      .nullable()
      .optional()
      .meta({ description: 'Free text, e.g. the remittance information' }),
    source: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: 'Where the payment came from; default "api". externalId is unique per source' }),
    externalId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullable()
      .optional()
      .meta({ description: 'The bank or gateway reference: the same one is the same payment' }),
  })
  .strict();

export const paymentListQuery = z
  .object({
    customerId: id.optional(),
    unmatched: z.enum(['true', 'false']).optional().meta({ description: 'true: only payments with no customer yet' }),
    receivedFrom: instant.optional(),
    receivedTo: instant.optional(),
    ...pageQuery,
  })
  .strict();

export const bindBody = z
  .object({ documentId: id, amount: amount.meta({ description: "In the payment's currency" }) })
  .strict();
export const matchBody = z.object({ customerId: id }).strict();
export const reverseBody = z
  .object({ reason: z.string().max(500).optional() })
  .strict()
  .nullish();
export const allocationParams = z.object({ id, allocationId: id }).strict();

const allocationSchema = z
  .object({
    id,
    documentId: id,
    amount: decimal.meta({ description: "In the document's currency; negative for an unbinding entry" }),
    paymentAmount: Money,
    rate: z
      .string()
      .nullable()
      .meta({ description: "Units of the document's currency per unit of the payment's, when they differ" }),
    kind: z.enum(['auto', 'manual', 'credit_note', 'unbind', 'reversal', 'cancel']),
    reversesId: z.string().nullable(),
    reason: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'Allocation' });

export const paymentSchema = z
  .object({
    id,
    customerId: z.string().nullable(),
    status: z.enum(['matched', 'unmatched', 'reversed']),
    amount: Money,
    currency: z.string(),
    receivedAt: z.string(),
    method,
    payer: z.string().nullable(),
    reference: z.string().nullable(),
    source: z.string(),
    externalId: z.string().nullable(),
    importId: z.string().nullable(),
    allocated: Money,
    unallocated: Money,
    reversedAt: z.string().nullable(),
    allocations: z.array(allocationSchema),
    createdAt: z.string(),
  })
  .meta({ id: 'Payment' });
export const paymentListSchema = listOf(paymentSchema, 'PaymentList');

const criterion = z.enum(ALLOCATION_CRITERIA as [AllocationCriterion, ...AllocationCriterion[]]);
export const configurationBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    criteria: z
      .array(criterion)
      .max(ALLOCATION_CRITERIA.length)
      .meta({ description: 'Most important first; ties end with due date, issue date and id' }),
    allowPartial: z.boolean(),
    isDefault: z.boolean().optional().meta({ description: "The tenant's first configuration is its default" }),
  })
  .strict();
export const configurationPatch = configurationBody.partial().strict();
export const configurationSchema = z
  .object({
    id,
    name: z.string(),
    criteria: z.array(criterion),
    allowPartial: z.boolean(),
    isDefault: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AllocationConfiguration' });
export const configurationListSchema = z
  .object({ data: z.array(configurationSchema) })
  .meta({ id: 'AllocationConfigurationList' });

export const exchangeRateBody = z
  .object({
    currency,
    rate: decimal.meta({ description: 'Units of the currency per one unit of the base currency' }),
    validFrom: isoDate,
  })
  .strict();
export const exchangeRateSchema = z
  .object({ id, currency: z.string(), rate: z.string(), validFrom: z.string(), createdAt: z.string() })
  .meta({ id: 'ExchangeRate' });
export const exchangeRateListSchema = z.object({ data: z.array(exchangeRateSchema) }).meta({ id: 'ExchangeRateList' });
export const exchangeRateQuery = z.object({ currency: currency.optional() }).strict();

export const balanceSchema = z
  .object({
    customerId: id,
    currency: z.string(),
    outstanding: Money,
    overdue: Money,
    credit: Money,
    balance: decimal.meta({ description: 'Outstanding minus credit: positive when the customer owes' }),
    statementBalance: decimal.meta({
      description: 'The closing balance of the full statement (always equal to balance)',
    }),
  })
  .meta({ id: 'CustomerBalance' });
export const statementQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict();
export const statementSchema = z
  .object({
    customerId: id,
    currency: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    openingBalance: decimal,
    closingBalance: decimal,
    lines: z.array(
      z.object({
        date: z.string(),
        kind: z.enum(['document', 'payment', 'reversal', 'allocation', 'unbinding', 'credit_note', 'cancellation']),
        id: z.string(),
        documentId: z.string().nullable(),
        paymentId: z.string().nullable(),
        number: z.string().nullable(),
        description: z.string(),
        debit: Money,
        credit: Money,
        balance: decimal,
      }),
    ),
  })
  .meta({ id: 'CustomerStatement' });

export const totalsQuery = z.object({ currency }).strict();
export const totalsSchema = z
  .object({
    currency: z.string(),
    baseCurrency: z.string(),
    rate: z.string(),
    documents: z.number().int(),
    net: Money,
    total: Money,
  })
  .meta({ id: 'DocumentTotalsReport' });
const ageing = z
  .record(z.string(), Money)
  .meta({ description: 'Open amounts by days past due: 0-30, 31-60, 61-90, 90+' });
const receivable = { currency: z.string(), outstanding: Money, overdue: Money, ageing };
export const receivablesSchema = z
  .object({
    asOf: z.string(),
    customers: z.array(z.object({ customerId: id, ...receivable })),
    totals: z.array(z.object(receivable)),
  })
  .meta({ id: 'ReceivablesReport' });
export const periodQuery = z.object({ from: isoDate, to: isoDate }).strict();
export const paymentsReceivedSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    periods: z.array(z.object({ period: z.string(), currency: z.string(), count: z.number().int(), amount: Money })),
  })
  .meta({ id: 'PaymentsReceivedReport' });
