import { z } from 'zod';
import { id, listOf, pageQuery } from '../schemas/common.ts';
import { DUE_DATE_BASES, INVOICE_CLOSE_TYPES, RUN_SORT_ORDERS } from '../../core/bill-groups/terms.ts';

// Days and enums are checked by the use case (core validateBillGroup), so that a bill day of 31 or
// an unknown close type gets its own stable code rather than a generic schema error.
const fields = {
  name: z.string().min(1).max(200),
  billDay: z.number().int().meta({ description: 'Day of the month the group bills on, 1–28' }),
  usageBillDay: z
    .number()
    .int()
    .optional()
    .meta({ description: 'Usage is billed up to the day before; default: billDay' }),
  invoiceCloseType: z
    .string()
    .optional()
    .meta({ description: INVOICE_CLOSE_TYPES.join(' | ') }),
  renderDuringRun: z.boolean().optional(),
  dueDateBasis: z
    .string()
    .optional()
    .meta({ description: DUE_DATE_BASES.join(' | ') }),
  paymentTermsDays: z.number().int().optional(),
  deliverOnClose: z.boolean().optional(),
  sortOrder: z
    .string()
    .optional()
    .meta({ description: RUN_SORT_ORDERS.join(' | ') }),
  maxUnbilledUsageMonths: z.number().int().optional(),
};

export const billGroupCreateBody = z.object(fields).strict();
export const billGroupPatchBody = z
  .object({ ...fields, name: fields.name.optional(), billDay: fields.billDay.optional() })
  .strict();
export const billGroupListQuery = z.object(pageQuery).strict();

export const billGroupSchema = z
  .object({
    id,
    name: z.string(),
    billDay: z.number().int(),
    usageBillDay: z.number().int(),
    invoiceCloseType: z.enum(INVOICE_CLOSE_TYPES),
    renderDuringRun: z.boolean(),
    dueDateBasis: z.enum(DUE_DATE_BASES),
    paymentTermsDays: z.number().int(),
    deliverOnClose: z.boolean(),
    sortOrder: z.enum(RUN_SORT_ORDERS),
    maxUnbilledUsageMonths: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({
    id: 'BillGroup',
    description: 'Customers billed in bill cycles onto open invoices, closed per the invoice close type',
  });
export const billGroupListSchema = listOf(billGroupSchema, 'BillGroupList');

/** Drops what the client did not send, so a patch changes only what it names. */
export const definedOnly = <T extends object>(body: T) =>
  Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };

export const billGroupView = ({ tenantId: _t, ...group }: { tenantId: string } & z.infer<typeof billGroupSchema>) =>
  group;
