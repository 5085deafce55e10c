import { z } from 'zod';
import {
  amount,
  currency,
  decimal,
  id,
  isoDate,
  pageQuery,
  listOf,
  CurrencyCode,
  Decimal,
  DateString,
  Instant,
} from '../schemas/common.ts';
import { quantity } from './subscriptions.schema.ts';

const kind = z.enum(['scheduled', 'unscheduled']);

export const chargeCreateBody = z
  .object({
    contractId: id,
    productId: id.nullable().optional().meta({ description: 'Omit for an adjustment with its own amount' }),
    quantity: quantity.optional(),
    unitPrice: amount.nullable().optional().meta({ description: "Overrides the product's price model" }),
    amount: amount.nullable().optional().meta({ description: 'Overrides the priced amount; may be negative' }),
    currency: currency.optional(),
    description: z.string().min(1).max(300).optional(),
    date: isoDate.optional().meta({ description: 'The day of the sale; the charge is billed with its billing period' }),
    taxRate: decimal.nullable().optional(),
  })
  .strict();
export const chargeListQuery = z
  .object({
    customerId: id.optional(),
    contractId: id.optional(),
    subscriptionId: id.optional(),
    kind: kind.optional(),
    periodStart: isoDate.optional().meta({ description: 'Charges billed on or after this date' }),
    periodEnd: isoDate.optional().meta({ description: 'Charges billed on or before this date' }),
    documentId: id.optional(),
    unbilled: z
      .enum(['true', 'false'])
      .optional()
      .meta({ description: 'true: only charges on no document; false: only billed ones' }),
    ...pageQuery,
  })
  .strict();
export const produceBody = z.object({ periodStart: isoDate, periodEnd: isoDate, customerId: id.optional() }).strict();

export const chargeSchema = z
  .object({
    id,
    customerId: z.string(),
    contractId: z.string(),
    subscriptionId: z.string().nullable(),
    productId: z.string().nullable(),
    kind,
    productKind: z.enum(['recurring', 'one_off', 'usage']),
    description: z.string(),
    quantity: Decimal,
    unitPrice: Decimal.nullable(),
    // Exact and unrounded: the document line rounds it once.
    amount: Decimal,
    currency: CurrencyCode,
    taxRate: Decimal.nullable(),
    servicePeriodStart: DateString.nullable(),
    servicePeriodEnd: DateString.nullable(),
    date: DateString.nullable(),
    billingDate: DateString.meta({ description: 'The day whose billing period bills the charge' }),
    // Scheduled charges: the amount of a whole product period.
    fullAmount: Decimal.nullable(),
    activeDays: z.number().int().nullable(),
    periodDays: z.number().int().nullable(),
    documentId: z.string().nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'Charge' });
export const chargeListSchema = listOf(chargeSchema, 'ChargeList');
export const produceResultSchema = z
  .object({
    periodStart: DateString,
    periodEnd: DateString,
    customers: z.number().int(),
    subscriptions: z.number().int(),
    created: z.number().int().meta({ description: 'Scheduled charges made by this call' }),
    existing: z.number().int().meta({ description: 'Due product periods that were charged before' }),
  })
  .meta({ id: 'ChargeProduction' });
