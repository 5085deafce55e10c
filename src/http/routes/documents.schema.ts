import { z } from 'zod';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, PAYMENT_STATUSES, RENDER_STATUSES } from '../../core/documents/types.ts';
import { parseDecimal } from '../../core/money/decimal.ts';
import {
  address,
  amount,
  CurrencyCode,
  DateString,
  decimal,
  Decimal,
  idParams,
  Instant,
  isoDate,
  listOf,
  Money,
  pageQuery,
  TimeZone,
} from '../schemas/common.ts';
import { file, idempotencyHeaders, json, noContent, problems } from '../schemas/responses.ts';
import { Metadata, metadataInput } from '../schemas/metadata.ts';
import { documentExample } from './document-example.ts';

export const tags = ['documents'];

export const DocumentType = z.enum(DOCUMENT_TYPES).meta({ id: 'DocumentType' });

/** The types the dry run previews: those computed from usage and charges (acts restate an invoice). */
export const PREVIEWABLE_TYPES = ['invoice', 'proforma'] as const satisfies readonly (typeof DOCUMENT_TYPES)[number][];

/** The types POST /documents makes today: each needs its rules, sequence and templates in place. */
export const CREATABLE_TYPES = [
  'invoice',
  'proforma',
  'act',
  'vat_invoice',
  'credit_note',
  'reconciliation',
] as const satisfies readonly (typeof DOCUMENT_TYPES)[number][];

const percent = decimal.refine(
  (v) => {
    const d = parseDecimal(v);
    return d !== null && d.gte(0) && d.lte(100);
  },
  { message: 'must be between 0 and 100', params: { code: 'OUT_OF_RANGE' } },
);
export const positiveQuantity = amount.refine((v) => !v.startsWith('-') && /[1-9]/.test(v), {
  message: 'must be greater than zero',
  params: { code: 'NOT_POSITIVE' },
});

// Snapshots were validated when the party was saved; the answer only names the fields.
const PartyBank = z
  .object({
    name: z.string().optional(),
    iban: z.string().optional(),
    bic: z.string().optional(),
    account: z.string().optional(),
    bik: z.string().optional(),
    correspondentAccount: z.string().optional(),
  })
  .meta({
    id: 'PartyBankDetails',
    description: 'Bank details as printed: IBAN/BIC, or account, BIK and correspondent account',
  });

const Party = z
  .object({
    legalEntityId: z.string().optional(),
    customerId: z.string().optional(),
    name: z.string(),
    taxId: z.string().nullable().optional(),
    kpp: z.string().nullable().optional(),
    address: address.nullable().optional(),
    bank: PartyBank.nullable().optional(),
    email: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    billingEmails: z.array(z.string()).optional(),
  })
  .meta({ id: 'PartySnapshot', description: 'Sender or recipient details as they were when the document was made' });

export const DocumentLine = z
  .object({
    id: z.string().meta({ description: 'Stable while the draft bills the same thing; PATCH its description' }),
    kind: z.string().meta({
      description: 'What the line bills',
      examples: ['usage', 'fixed_cost', 'discount', 'subscription', 'one_off', 'usage_product'],
    }),
    description: z.string(),
    destination: z.string().nullable(),
    prefix: z.string().nullable(),
    quantity: Decimal,
    unit: z.string().meta({ examples: ['call', 'item'] }),
    durationSeconds: z.int().nullable(),
    unitPrice: Decimal.nullable(),
    net: Money,
    taxRate: Decimal.meta({ description: 'Percent' }),
    tax: Money,
    gross: Money,
    chargeId: z
      .string()
      .nullable()
      .meta({ description: 'The charge a subscription, one-off or usage-product line bills' }),
    servicePeriodStart: DateString.nullable().meta({ description: 'The product period a subscription line bills' }),
    servicePeriodEnd: DateString.nullable(),
  })
  .meta({
    id: 'DocumentLine',
    description:
      'A line: usage per destination, the call discount, a charge (subscription, one-off, usage product) or a fixed cost',
  });

const Totals = z
  .object({
    usage: Money,
    discount: Money.meta({ description: 'Negative: the call discount' }),
    fixedCosts: Money,
    charges: Money.meta({ description: 'Subscription, one-off and usage-product lines' }),
    net: Money,
    tax: Money,
    total: Money,
    paid: Money,
    open: Money.meta({ description: 'What is still to pay; 0 unless issued' }),
  })
  .meta({ id: 'DocumentTotals', description: 'Sums of rounded lines: net + tax = total' });

export const Document = z
  .object({
    id: z.string(),
    type: DocumentType,
    status: z.enum(DOCUMENT_STATUSES),
    paymentStatus: z.enum(PAYMENT_STATUSES).nullable(),
    number: z.string().nullable().meta({ description: 'Taken when the document is issued' }),
    customerId: z.string(),
    currency: CurrencyCode,
    exchangeRate: Decimal.nullable().meta({ description: 'To the tenant currency, frozen at creation' }),
    periodStart: DateString,
    periodEnd: DateString,
    timezone: TimeZone.meta({ description: 'The zone the period was computed in (the tenant’s)' }),
    customerTimezone: TimeZone,
    issueDate: DateString.nullable(),
    dueDate: DateString.nullable(),
    paymentTermsDays: z.int(),
    renderStatus: z.enum(RENDER_STATUSES).nullable(),
    renderError: z.string().nullable(),
    needsRegeneration: z.boolean(),
    taxRate: Decimal,
    callDiscountPercent: Decimal,
    numberSequenceId: z.string().nullable(),
    templateId: z.string().nullable(),
    legalEntityId: z.string().nullable(),
    sender: Party.nullable(),
    recipient: Party.nullable(),
    sessionId: z.string().nullable(),
    invoicingSchemeId: z
      .string()
      .nullable()
      .meta({ description: 'The invoicing scheme the document was made with (most specific level wins)' }),
    accompaniesDocumentId: z
      .string()
      .nullable()
      .meta({ description: 'Acts and VAT invoices: the issued invoice they accompany' }),
    creditedDocumentId: z.string().nullable().meta({ description: 'Credit notes: the issued invoice they credit' }),
    convertedToDocumentId: z.string().nullable().meta({ description: 'A converted proforma: the invoice it became' }),
    convertedFromDocumentId: z
      .string()
      .nullable()
      .meta({ description: 'An invoice made from a proforma: that proforma' }),
    metadata: Metadata,
    totals: Totals,
    lines: z.array(DocumentLine).meta({ description: 'Empty in lists; filled when one document is read' }),
    createdAt: Instant,
    issuedAt: Instant.nullable(),
    cancelledAt: Instant.nullable(),
    presentedPayments: z
      .array(
        z
          .object({ paymentId: z.string(), amount: Money, currency: z.string(), receivedAt: Instant })
          .meta({ id: 'PresentedPayment' }),
      )
      .optional()
      .meta({
        description:
          'Payments shown on the invoice: a bill run lists the payments received before it closes an open invoice ' +
          '(per its bill group close type). Given when one document with presented payments is read.',
      }),
  })
  .meta({ id: 'Document', description: 'An invoice or another document', examples: [documentExample] });

export const createBody = z
  .object({
    type: z.enum(CREATABLE_TYPES).default('invoice'),
    customerId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'Required, except for a credit_note (its customer is the credited document’s)' }),
    contractId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: "The customer contract whose scheme applies; the customer's only active one when absent" }),
    subscriptionId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'A subscription whose own invoicing scheme applies over every other level' }),
    periodStart: isoDate.optional().meta({ description: 'Required, except for a credit_note' }),
    periodEnd: isoDate.optional().meta({ description: 'Required, except for a credit_note' }),
    numberSequenceId: z.string().min(1).max(100).optional(),
    number: z.string().min(1).max(64).optional(),
    templateId: z.string().min(1).max(100).optional(),
    legalEntityId: z.string().min(1).max(100).optional(),
    taxRate: percent.optional(),
    callDiscountPercent: percent.optional(),
    paymentTermsDays: z.number().int().min(0).max(3650).optional(),
    metadata: metadataInput.optional(),
    accompaniesDocumentId: z.string().min(1).max(100).optional().meta({
      description:
        "act and vat_invoice only (required there): the customer's issued invoice it accompanies; the period must be the invoice's",
    }),
    creditedDocumentId: z.string().min(1).max(100).optional().meta({
      description: 'credit_note only (required there): the issued invoice it credits; it is issued at once',
    }),
    lines: z
      .array(
        z
          .object({
            lineId: z.string().min(1).max(100),
            amount: amount.optional().meta({
              description:
                'Gross; default all that is left of the line. ' +
                "Tax is the net's at the line's rate: where no net gives this gross exactly (10.00 at 21 %), " +
                'the largest one below it does (9.99)',
            }),
          })
          .strict(),
      )
      .min(1)
      .max(1000)
      .optional()
      .meta({ description: 'credit_note: the credited lines (or give amount)' }),
    amount: amount.optional().meta({ description: "credit_note: a gross amount at the document's tax rate" }),
    reason: z.string().max(500).optional().meta({ description: 'credit_note: kept in its metadata' }),
  })
  .strict()
  .meta({
    examples: [{ customerId: 'cus_0mx30fdw60002751ebeecfcd', periodStart: '2026-10-01', periodEnd: '2026-10-31' }],
  });

const patchBody = z
  .object({
    periodStart: isoDate.optional(),
    periodEnd: isoDate.optional(),
    numberSequenceId: z.string().min(1).max(100).nullable().optional(),
    number: z.string().min(1).max(64).nullable().optional(),
    templateId: z.string().min(1).max(100).optional(),
    taxRate: percent.optional(),
    callDiscountPercent: percent.optional(),
    paymentTermsDays: z.number().int().min(0).max(3650).optional(),
    metadata: metadataInput.optional(),
  })
  .strict();

export const listQuery = z
  .object({
    type: DocumentType.optional(),
    status: z.enum(DOCUMENT_STATUSES).optional(),
    paymentStatus: z.enum(PAYMENT_STATUSES).optional(),
    customerId: z.string().max(100).optional(),
    sessionId: z.string().max(100).optional(),
    number: z.string().max(64).optional().meta({ description: 'The exact document number' }),
    issueDateFrom: isoDate.optional().meta({ description: 'Issued on or after this date' }),
    issueDateTo: isoDate.optional().meta({ description: 'Issued on or before this date' }),
    periodStart: isoDate.optional().meta({ description: 'Documents whose period starts on or after this date' }),
    periodEnd: isoDate.optional().meta({ description: 'Documents whose period ends on or before this date' }),
    ...pageQuery,
  })
  .strict();

const createDescription =
  'Computes a draft invoice for the customer and period (whole days in the tenant zone, inclusive). Refused with 422 and code FUTURE_PERIOD, INVALID_PERIOD, UNRATED_USAGE, OVERLAPPING_DOCUMENT or DATA_INCONSISTENT. type proforma bills a coming period (PAST_PERIOD); act and vat_invoice name the issued invoice they accompany in accompaniesDocumentId (400 REFERENCE_REQUIRED / REFERENCE_NOT_ALLOWED, 422 NOT_AN_INVOICE, OTHER_CUSTOMER, PERIOD_MISMATCH, 409 INVOICE_NOT_ISSUED) and restate its lines and totals.';
const listDescription =
  'Newest last. periodStart/periodEnd select documents whose whole period lies inside the range (period starts on or after periodStart and ends on or before periodEnd); issueDateFrom/issueDateTo are inclusive.';

/** POST and GET on /documents and its alias /invoices (invoice-typed documents only). */
export function collectionSchemas(base: '/documents' | '/invoices') {
  const alias = base === '/invoices';
  return {
    create: {
      operationId: alias ? 'createInvoice' : 'createDocument',
      summary: alias ? 'Create a draft invoice (alias of createDocument)' : 'Create a draft invoice',
      description: createDescription,
      tags,
      headers: idempotencyHeaders,
      body: createBody,
      response: { 201: json(Document, 'The draft created'), ...problems(404, 409, 422) },
    },
    list: {
      operationId: alias ? 'listInvoices' : 'listDocuments',
      summary: alias ? 'List invoices' : 'List documents',
      description: alias ? `Invoices only. ${listDescription}` : listDescription,
      tags,
      querystring: listQuery,
      response: {
        200: json(listOf(Document, 'DocumentList'), 'A page of documents, without lines'),
        ...problems(),
      },
    },
  };
}

export const one = (operationId: string, summary: string, description?: string) => ({
  operationId,
  summary,
  ...(description ? { description } : {}),
  tags,
  params: idParams,
});

export const getDocumentSchema = {
  ...one('getDocument', 'Get a document with its lines and totals'),
  response: { 200: json(Document, 'The document'), ...problems(404) },
};
export const updateDocumentSchema = {
  ...one('updateDocument', 'Change a draft', 'Recomputes the draft; its render goes blank until generated again.'),
  body: patchBody,
  response: { 200: json(Document, 'The draft as changed'), ...problems(404, 409, 422) },
};
export const deleteDocumentSchema = {
  ...one('deleteDocument', 'Delete a draft', 'Releases the usage it billed, so another invoice can bill it.'),
  response: { 204: noContent('Deleted'), ...problems(404, 409, 422) },
};
export const generateDocumentSchema = {
  ...one(
    'generateDocument',
    'Queue rendering of a document',
    'Answers 202 at once; poll the document: renderStatus goes waiting → processing → created | failed.',
  ),
  headers: idempotencyHeaders,
  response: { 202: json(Document, 'Queued; poll the document'), ...problems(404, 409, 422) },
};
export const renderDocumentSchema = {
  ...one(
    'renderDocument',
    'Render an issued or cancelled document again',
    'Answers 202 at once and renders the PDF again, e.g. after a failed render; a draft is 409 DOCUMENT_IS_DRAFT (use generate).',
  ),
  headers: idempotencyHeaders,
  response: { 202: json(Document, 'Queued; poll the document'), ...problems(404, 409) },
};
export const issueDocumentSchema = {
  ...one('issueDocument', 'Issue a generated draft', 'Takes its number and sets the issue and due dates.'),
  headers: idempotencyHeaders,
  response: { 200: json(Document, 'The issued document'), ...problems(404, 409, 422) },
};
export const convertDocumentSchema = {
  ...one(
    'convertDocument',
    'Convert an issued proforma into an invoice',
    'Creates a draft advance invoice for the same customer and period that, once generated, bills the charges the proforma billed; the proforma records convertedToDocumentId, the invoice convertedFromDocumentId. A proforma converts once (409 ALREADY_CONVERTED); a draft or cancelled one is 409 DOCUMENT_NOT_ISSUED; another type is 422 NOT_A_PROFORMA.',
  ),
  headers: idempotencyHeaders,
  response: { 201: json(Document, 'The draft invoice created'), ...problems(404, 409, 422) },
};
export const cancelDocumentSchema = {
  ...one('cancelDocument', 'Cancel an issued document', 'Its usage is released; its number stays taken.'),
  body: z
    .object({ reason: z.string().max(500).optional() })
    .strict()
    .nullish(),
  response: { 200: json(Document, 'The cancelled document'), ...problems(404, 409, 422) },
};

export const documentPdfSchema = {
  ...one(
    'getDocumentPdf',
    'Download the PDF of a document',
    'The file generated last; 409 or 422 while it is not generated or out of date.',
  ),
  response: { 200: file('application/pdf', 'The PDF'), ...problems(404, 409, 422) },
};
