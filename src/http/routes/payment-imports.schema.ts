import { z } from 'zod';
import { idempotencyHeaders, json, problems, uploadBody } from '../schemas/responses.ts';
import { text } from './usage-schemas.ts';
import { STATEMENT_FORMATS } from '../../app/payments/import-payments.ts';

export const paymentImportQuery = z
  .object({
    format: z.enum(STATEMENT_FORMATS).meta({
      description: 'csv: a header row, one payment per row; camt053: an ISO 20022 BankToCustomerStatement',
    }),
    mapping: text(4000).optional().meta({
      description:
        'csv only: JSON object, payment field → column name, e.g. {"externalId":"Bank ref","amount":"Credit","date":"Booked"}. Fields: externalId, amount, date (required), currency, payer, reference, customerId, accountCode, iban',
    }),
    source: text(64)
      .optional()
      .meta({ description: 'Bank references are unique per source; default csv, or camt053:<account IBAN>' }),
    fileName: text(255).optional(),
  })
  .strict();

export const paymentImportReport = z
  .object({
    importId: z.string().meta({ description: 'Carried by each payment made by this import (importId)' }),
    source: z.string(),
    format: z.enum(STATEMENT_FORMATS),
    rows: z.int().meta({ description: 'Rows (csv) or transactions (camt053) read' }),
    accepted: z.int().meta({ description: 'New payments, matched or not' }),
    duplicates: z.int().meta({ description: 'Bank references already stored under this source: nothing added' }),
    unmatched: z.int().meta({ description: 'Accepted payments naming no known customer, kept for manual matching' }),
    skipped: z.int().meta({ description: 'Entries that are not incoming booked money (debits, pending)' }),
    rejected: z.array(
      z.object({
        row: z.int().meta({ description: 'csv: data row (header excluded); camt053: transaction, 1-based' }),
        code: z.string(),
        field: z.string(),
        detail: z.string(),
      }),
    ),
    paymentIds: z.array(z.string()),
  })
  .meta({ id: 'PaymentImportReport' });

export const importPaymentsSchema = {
  operationId: 'importPayments',
  summary: 'Import a bank statement (CSV or ISO 20022 camt.053) as payments',
  description:
    'Send the file itself as the body (text/csv or application/xml). Good rows become payments and are allocated; rows naming no customer (by customerId, accountCode, IBAN or an invoice number in the remittance) are kept unmatched; bad rows are reported one by one. Re-importing counts duplicates and adds nothing. XML declaring a DOCTYPE or entities is refused whole (400 XML_ENTITIES_REFUSED).',
  tags: ['payments'],
  consumes: ['text/csv', 'application/xml'],
  headers: idempotencyHeaders,
  querystring: paymentImportQuery,
  body: uploadBody('The bank statement'),
  response: { 200: json(paymentImportReport, 'What the import did, row by row'), ...problems(400, 413, 415) },
};
