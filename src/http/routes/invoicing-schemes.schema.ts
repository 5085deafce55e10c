import { z } from 'zod';
import { SCHEME_RENDER_MODES } from '../../app/ports/schemes.ts';
import { currency, decimal, id, pageQuery, listOf } from '../schemas/common.ts';

const templateIds = z.object({ invoice: id, proforma: id, act: id, vat_invoice: id }).partial().strict();

const fields = {
  name: z.string().min(1).max(200),
  legalEntityId: id.nullable().optional(),
  invoiceNumberSequenceId: id.nullable().optional(),
  proformaNumberSequenceId: id.nullable().optional(),
  actNumberSequenceId: id.nullable().optional(),
  vatInvoiceNumberSequenceId: id.nullable().optional(),
  paymentTermsDays: z.number().int().min(0).max(365).optional(),
  taxRate: decimal.optional(),
  callDiscountPercent: decimal.optional(),
  currency: currency.nullable().optional(),
  /** Shorthand for templateIds.invoice. */
  templateId: id.optional(),
  templateIds: templateIds.optional(),
  proformaIncludesUnscheduled: z.boolean().optional(),
  renderMode: z
    .enum(SCHEME_RENDER_MODES)
    .optional()
    .meta({
      description:
        'during_generation (default): a job renders the PDF after each change; on_first_view: nothing is ' +
        'rendered until the first download, which renders the current state once and keeps it',
    }),
  isDefault: z.boolean().optional(),
};

export const schemeCreateBody = z.object(fields).strict();
export const schemePatchBody = z.object({ ...fields, name: fields.name.optional() }).strict();
export const schemeListQuery = z.object(pageQuery).strict();

export const schemeSchema = z
  .object({
    id,
    name: z.string(),
    legalEntityId: z.string().nullable(),
    invoiceNumberSequenceId: z.string(),
    proformaNumberSequenceId: z.string().nullable(),
    actNumberSequenceId: z.string().nullable(),
    vatInvoiceNumberSequenceId: z.string().nullable(),
    paymentTermsDays: z.number().int(),
    taxRate: z.string(),
    callDiscountPercent: z.string(),
    currency: z.string().nullable(),
    templateId: z.string().nullable(),
    templateIds: z.record(z.string(), z.string()),
    proformaIncludesUnscheduled: z.boolean(),
    renderMode: z.enum(SCHEME_RENDER_MODES),
    isDefault: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'InvoicingScheme' });
export const schemeListSchema = listOf(schemeSchema, 'InvoicingSchemeList');

type Body = z.infer<typeof schemePatchBody>;

/** Folds the templateId shorthand into templateIds and drops what the client did not send. */
export function schemeInput<T extends Body>(body: T) {
  const { templateId, templateIds, ...rest } = body;
  const merged = templateId ? { ...templateIds, invoice: templateId } : templateIds;
  const out = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return { ...out, ...(merged ? { templateIds: merged } : {}) } as Omit<T, 'templateId' | 'templateIds'> & {
    templateIds?: Record<string, string>;
  };
}

/** The scheme as the API shows it: templateId repeats the invoice template. */
export const schemeView = <S extends { templateIds: Record<string, string | undefined> }>(scheme: S) => ({
  ...scheme,
  templateId: scheme.templateIds.invoice ?? null,
});
