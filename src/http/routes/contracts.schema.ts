import { z } from 'zod';
import { id, isoDate, pageQuery, listOf } from '../schemas/common.ts';

const kind = z.enum(['basic', 'customer']);
const status = z.enum(['active', 'closed']);

export const contractCreateBody = z
  .object({
    kind: kind.optional().meta({ description: 'basic: a template; customer (default): made from a basic contract' }),
    name: z.string().min(1).max(200).optional(),
    customerId: id.optional(),
    basicContractId: id.optional(),
    number: z.string().trim().min(1).max(64).optional(),
    date: isoDate.optional(),
    invoicingSchemeId: id.nullable().optional(),
    allocationConfigurationId: id.nullable().optional().meta({
      description:
        "Customer contracts: the allocation configuration for the customer's payments instead of the tenant's default",
    }),
  })
  .strict();
export const contractPatchBody = z
  .object({
    name: z.string().min(1).max(200).optional(),
    number: z.string().trim().min(1).max(64).optional(),
    date: isoDate.optional(),
    status: status.optional(),
    invoicingSchemeId: id.nullable().optional(),
    allocationConfigurationId: id.nullable().optional().meta({
      description:
        "Customer contracts: the allocation configuration for the customer's payments instead of the tenant's default",
    }),
  })
  .strict();
export const contractListQuery = z
  .object({ kind: kind.optional(), customerId: id.optional(), status: status.optional(), ...pageQuery })
  .strict();

export const contractSchema = z
  .object({
    id,
    kind,
    name: z.string(),
    customerId: z.string().nullable(),
    basicContractId: z.string().nullable(),
    number: z.string().nullable(),
    date: z.string().nullable(),
    status,
    invoicingSchemeId: z.string().nullable(),
    allocationConfigurationId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Contract' });
export const contractListSchema = listOf(contractSchema, 'ContractList');
