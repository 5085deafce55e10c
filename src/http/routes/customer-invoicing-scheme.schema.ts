import { z } from 'zod';
import { SCHEME_LEVELS } from '../../core/catalog/index.ts';
import { schemeSchema } from './invoicing-schemes.schema.ts';

export const effectiveSchema = z
  .object({
    customerId: z.string(),
    contractId: z.string().nullable(),
    scheme: schemeSchema.nullable(),
    source: z.enum(SCHEME_LEVELS).nullable(),
    sourceId: z.string().nullable(),
  })
  .meta({ id: 'EffectiveInvoicingScheme' });
