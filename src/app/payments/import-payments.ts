import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import { notFound, unreadable } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { killPoint } from '../reliability/kill-points.ts';
import { paymentFieldErrors, storePayment } from './record-payment.ts';
import type { BankRow, ParsedStatement, RowProblem } from './bank-statements/bank-row.ts';
import { parseCsvMapping, parseStatementCsv } from './bank-statements/statement-csv.ts';
import { parseCamt053 } from './bank-statements/statement-camt053.ts';
import { Dec } from '../../core/money/decimal.ts';
import type { Tenant } from '../ports/tenancy.ts';
import {
  IMPORT_CHUNK_ROWS,
  numbersIn,
  storeStatementChunk,
  type ChunkOutcome,
  type ChunkRow,
  type SeenReferences,
} from './import-chunk.ts';

export const STATEMENT_FORMATS = ['csv', 'camt053'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

export interface PaymentImportRequest {
  format: string;
  /** Payment field → column name (csv only), as an object or its JSON text. */
  mapping?: unknown;
  /** Bank references are unique per source; default "csv", or "camt053:<account>" from the statement. */
  source?: string | undefined;
  fileName?: string | undefined;
}

export interface PaymentImportReport {
  importId: string;
  source: string;
  format: StatementFormat;
  rows: number;
  accepted: number;
  duplicates: number;
  /** Accepted rows that name no customer we know: kept as unmatched payments. */
  unmatched: number;
  /** Entries that are not incoming booked money (debits, pending): not payments. */
  skipped: number;
  rejected: RowProblem[];
  paymentIds: string[];
}

function parse(req: PaymentImportRequest, text: string, tenant: { timezone: string; currency: string }) {
  const format = STATEMENT_FORMATS.find((f) => f === req.format);
  if (!format)
    throw unreadable('INVALID_FORMAT', `format must be one of ${STATEMENT_FORMATS.join(', ')}`, [
      { field: 'format', code: 'INVALID_FORMAT', message: STATEMENT_FORMATS.join(' | ') },
    ]);
  if (!text.trim())
    throw unreadable('EMPTY_FILE', 'the statement is empty', [
      { field: 'body', code: 'EMPTY_FILE', message: 'send the file as the body' },
    ]);
  const parsed: ParsedStatement =
    format === 'csv' ? parseStatementCsv(text, parseCsvMapping(req.mapping), tenant) : parseCamt053(text, tenant);
  return { format, parsed };
}

/** The customer a row names: its id, its account code, its IBAN, or an invoice number in the remittance text. */
async function customerOf(s: Session, tenantId: string, row: BankRow): Promise<string | null> {
  if (row.customerId && (await s.customers.get(tenantId, row.customerId))) return row.customerId;
  if (row.accountCode) {
    const c = await s.customers.findByAccountCode(tenantId, row.accountCode);
    if (c) return c.id;
  }
  if (row.iban) {
    const id = await s.payments.customerIdByIban(tenantId, row.iban);
    if (id) return id;
  }
  return s.payments.customerIdByDocumentNumbers(tenantId, numbersIn(row.reference));
}

export interface PaymentImportOptions {
  /** Good rows stored per chunk. */
  chunkRows?: number;
  /**
   * Store the rows one at a time through `storePayment`, as a payment that just arrived: the
   * reference the set-based chunks are checked against. Slow; not for production imports.
   */
  rowByRow?: boolean;
}

/**
 * Imports a bank statement in one transaction: every good row becomes a payment (allocated at once
 * when it names a customer, kept unmatched otherwise), every bad row is reported with its code and
 * field, and a bank reference already stored under the same source counts as a duplicate, so a
 * statement imported twice adds nothing. A crash before the commit leaves nothing behind; the
 * import is simply run again. Good rows are stored in chunks (`storeStatementChunk`), a constant
 * number of statements each, with the results of storing them one by one.
 */
export async function importPayments(
  deps: Deps,
  ctx: CallContext,
  req: PaymentImportRequest,
  text: string,
  onProgress?: (done: number, total: number) => void,
  options: PaymentImportOptions = {},
): Promise<PaymentImportReport> {
  const tenant = await deps.uow.run((s) => s.tenancy.getTenant(ctx.tenantId));
  if (!tenant) throw notFound('Tenant', ctx.tenantId);
  const { format, parsed } = parse(req, text, { timezone: tenant.timezone, currency: tenant.currency });
  const source = (req.source?.trim() || (parsed.account ? `${format}:${parsed.account}` : format)).slice(0, 64);
  const importId = newId('pim');
  return deps.uow.run(async (s) => {
    const report: PaymentImportReport = {
      importId,
      source,
      format,
      rows: parsed.rows.length + parsed.skipped,
      accepted: 0,
      duplicates: 0,
      unmatched: 0,
      skipped: parsed.skipped,
      rejected: [],
      paymentIds: [],
    };
    const chunkRows = Math.max(1, options.chunkRows ?? IMPORT_CHUNK_ROWS);
    const seen: SeenReferences = new Map();
    const rejected: Array<{ index: number; problem: RowProblem }> = [];
    const stored: ChunkOutcome['stored'] = [];
    let chunk: ChunkRow[] = [];
    const flush = async () => {
      if (!chunk.length) return;
      const done = await storeStatementChunk(s, deps, ctx, tenant, importId, chunk, seen);
      report.duplicates += done.duplicates;
      rejected.push(...done.rejected);
      stored.push(...done.stored);
      onProgress?.(chunk[chunk.length - 1]!.index + 1, parsed.rows.length);
      chunk = [];
    };
    for (const [i, item] of parsed.rows.entries()) {
      if ('problem' in item) {
        rejected.push({ index: i, problem: item.problem });
        continue;
      }
      const row = item.ok;
      const input = {
        amount: row.amount,
        currency: row.currency,
        receivedAt: row.receivedAt,
        method: 'bank_transfer' as const,
        payer: row.payer,
        reference: row.reference?.slice(0, 500) ?? null,
        source,
        externalId: row.externalId.slice(0, 200),
      };
      const [error] = paymentFieldErrors(input);
      if (error) {
        rejected.push({
          index: i,
          problem: { row: row.row, code: error.code, field: error.field, detail: error.message },
        });
        continue;
      }
      if (options.rowByRow) {
        onProgress?.(i, parsed.rows.length);
        const outcome = await storeRow(s, deps, ctx, tenant, importId, { index: i, row, input });
        if (outcome === 'duplicate') report.duplicates += 1;
        else if ('problem' in outcome) rejected.push({ index: i, problem: outcome.problem });
        else stored.push({ index: i, ...outcome });
        continue;
      }
      chunk.push({ index: i, row, input });
      if (chunk.length >= chunkRows) await flush();
    }
    await flush();
    rejected.sort((a, b) => a.index - b.index);
    report.rejected = rejected.map((r) => r.problem);
    for (const p of stored) {
      report.accepted += 1;
      if (!p.matched) report.unmatched += 1;
      report.paymentIds.push(p.paymentId);
    }
    onProgress?.(parsed.rows.length, parsed.rows.length);
    await recordChange(s, ctx, deps.clock, {
      objectType: 'payment_import',
      objectId: importId,
      action: 'imported',
      after: { ...report, fileName: req.fileName ?? null, paymentIds: undefined },
    });
    return report;
  });
}

/** One good row stored on its own, as a payment that just arrived. */
async function storeRow(
  s: Session,
  deps: Deps,
  ctx: CallContext,
  tenant: Tenant,
  importId: string,
  { row, input }: ChunkRow,
): Promise<'duplicate' | { problem: RowProblem } | { paymentId: string; matched: boolean }> {
  const existing = await s.payments.findByExternalId(ctx.tenantId, input.source, input.externalId);
  if (existing) {
    // The same reference with the same money is this row imported before (perhaps matched since).
    if (new Dec(existing.amount).eq(input.amount) && existing.currency === input.currency) return 'duplicate';
    return {
      problem: {
        row: row.row,
        code: 'DUPLICATE_PAYMENT_REFERENCE',
        field: 'externalId',
        detail: `payment ${existing.id} already carries reference ${input.externalId} with another amount`,
      },
    };
  }
  const customerId = await customerOf(s, ctx.tenantId, row);
  const { payment } = await storePayment(s, deps, ctx, tenant, { ...input, customerId }, importId);
  killPoint('payment-import.row-stored');
  return { paymentId: payment.id, matched: customerId !== null };
}
