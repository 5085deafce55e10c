import { z } from 'zod';
import { amount, id, isoDate, pageQuery, listOf, Decimal, DateString, Instant } from '../schemas/common.ts';
import { effectiveSchema } from './customer-invoicing-scheme.schema.ts';

const billing = z.enum(['in_advance', 'in_arrears']).meta({
  description: 'in_advance: billed before the product period starts; in_arrears: after it ends',
});
/** A quantity as a decimal string or a JSON number (DID counts are often sent as numbers). */
export const quantity = z
  .union([amount, z.number().min(0).max(1e12)])
  .meta({ description: 'How many units, zero or more (a decimal string or a number)' });

const editable = {
  quantity: quantity.optional(),
  unitPrice: amount.nullable().optional().meta({ description: "Overrides the product's price model" }),
  startDate: isoDate.optional(),
  endDate: isoDate.nullable().optional(),
  billing: billing.optional(),
  invoicingSchemeId: id.nullable().optional(),
  description: z.string().min(1).max(300).nullable().optional(),
};

export const subscriptionCreateBody = z.object({ contractId: id, productId: id, ...editable }).strict();
export const subscriptionPatchBody = z.object(editable).strict();
export const subscriptionListQuery = z
  .object({
    customerId: id.optional(),
    contractId: id.optional(),
    productId: id.optional(),
    activeFrom: isoDate.optional().meta({ description: 'Subscriptions running on a day on or after this date' }),
    activeTo: isoDate.optional().meta({ description: 'Subscriptions running on a day on or before this date' }),
    ...pageQuery,
  })
  .strict();
export const suspendBody = z
  .object({
    from: isoDate.meta({ description: 'The first day not charged' }),
    to: isoDate.nullable().optional().meta({ description: 'The last day not charged; omit to suspend until resumed' }),
  })
  .strict();
export const resumeBody = z.object({ date: isoDate.meta({ description: 'The first day charged again' }) }).strict();

const suspensionSchema = z
  .object({ id: z.string(), from: DateString, to: DateString.nullable() })
  .meta({ id: 'Suspension' });

export const subscriptionSchema = z
  .object({
    id,
    customerId: z.string(),
    contractId: z.string(),
    productId: z.string(),
    quantity: Decimal,
    unitPrice: Decimal.nullable(),
    startDate: DateString,
    endDate: DateString.nullable(),
    billing,
    invoicingSchemeId: z.string().nullable(),
    description: z.string().nullable(),
    suspensions: z.array(suspensionSchema),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Subscription' });
export const subscriptionListSchema = listOf(subscriptionSchema, 'SubscriptionList');

export const subscriptionSchemeSchema = effectiveSchema
  .extend({ subscriptionId: z.string() })
  .meta({ id: 'SubscriptionInvoicingScheme' });
