import { z } from 'zod';
import { amount, currency, decimal, id, pageQuery, listOf } from '../schemas/common.ts';

const kind = z.enum(['recurring', 'one_off', 'usage']);
const period = z.enum(['month', 'quarter', 'year']);
const priceModel = z.enum(['flat', 'graduated', 'volume', 'package']);
const tier = z.object({ upTo: amount.nullable(), unitPrice: amount, flatFee: amount.nullable().optional() }).strict();

const fields = {
  code: z.string().trim().min(1).max(64),
  name: z.string().min(1).max(300),
  names: z
    .record(z.string().regex(/^[a-z]{2}$/, 'a two-letter language code such as en, ru, es'), z.string().min(1).max(300))
    .optional(),
  unit: z.string().min(1).max(40).optional(),
  currency: currency.optional(),
  kind,
  period: period.nullable().optional(),
  taxRate: decimal.nullable().optional(),
  allocationPriority: z.number().int().min(0).max(1000).optional(),
  priceModel,
  price: amount.nullable().optional(),
  tiers: z.array(tier).min(1).max(50).nullable().optional(),
  packageSize: amount.nullable().optional(),
  freeUnits: amount.nullable().optional(),
  allowOverlap: z.boolean().optional(),
};

export const productCreateBody = z.object(fields).strict();
export const productPatchBody = z
  .object({
    ...fields,
    code: fields.code.optional(),
    name: fields.name.optional(),
    kind: kind.optional(),
    priceModel: priceModel.optional(),
  })
  .strict();
export const productListQuery = z
  .object({ kind: kind.optional(), code: z.string().max(64).optional(), ...pageQuery })
  .strict();

export const productSchema = z
  .object({
    id,
    code: z.string(),
    name: z.string(),
    names: z.record(z.string(), z.string()),
    unit: z.string(),
    currency: z.string(),
    kind,
    period: period.nullable(),
    taxRate: z.string().nullable(),
    allocationPriority: z.number().int(),
    priceModel,
    price: z.string().nullable().optional(),
    tiers: z
      .array(
        z.object({ upTo: z.string().nullable(), unitPrice: z.string(), flatFee: z.string().nullable().optional() }),
      )
      .nullable()
      .optional(),
    packageSize: z.string().nullable().optional(),
    freeUnits: z.string().nullable().optional(),
    allowOverlap: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Product' });
export const productListSchema = listOf(productSchema, 'ProductList');

export const quoteQuery = z
  .object({ quantity: amount.refine((v) => !v.startsWith('-'), { message: 'must be zero or more' }) })
  .strict();
export const quoteSchema = z
  .object({ productId: z.string(), quantity: z.string(), amount: z.string(), currency: z.string() })
  .meta({ id: 'ProductQuote' });
