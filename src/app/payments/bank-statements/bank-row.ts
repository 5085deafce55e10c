import { Temporal } from 'temporal-polyfill';
import { startOfDay } from '../../../core/time/zones.ts';

/** One credit line of a bank statement, as read from the file, before any customer is matched. */
export interface BankRow {
  /** 1-based position in the file: the data row of a CSV (header excluded), the transaction of a camt.053. */
  row: number;
  /** The bank's reference: the same one from the same source is the same payment. */
  externalId: string;
  amount: string;
  currency: string;
  receivedAt: string;
  payer: string | null;
  /** Remittance information, searched for invoice numbers. */
  reference: string | null;
  /** What may name the customer, strongest first. */
  customerId: string | null;
  accountCode: string | null;
  iban: string | null;
}

/** A line of the file that cannot become a payment, and why. */
export interface RowProblem {
  row: number;
  code: string;
  field: string;
  detail: string;
}

export type ParsedRow = { ok: BankRow } | { problem: RowProblem };

/** What a statement file holds: payments to record, rows refused, and rows that are not payments (debits, pending). */
export interface ParsedStatement {
  rows: ParsedRow[];
  /** Entries that are not incoming booked money: outgoing transfers, pending bookings. */
  skipped: number;
  /** Where the file says the money arrived (a camt.053 account), used as the default source. */
  account: string | null;
}

/**
 * A booking date (YYYY-MM-DD) is the start of that day in the tenant's zone; a full ISO 8601
 * instant or local date-time with offset is taken as is. Null when it is neither.
 */
export function receivedInstant(value: string, timeZone: string): string | null {
  const text = value.trim();
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return startOfDay(text, timeZone).toString();
    if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(text)) return Temporal.Instant.from(text).toString();
    return Temporal.PlainDateTime.from(text).toZonedDateTime(timeZone).toInstant().toString();
  } catch {
    return null;
  }
}

/** "1.234,56" and "1,234.56" style amounts are not guessed at: a plain decimal with a dot, or a comma alone. */
export function normaliseAmount(value: string): string {
  const text = value.trim().replace(/\s/g, '');
  return /^[+-]?\d+,\d+$/.test(text) ? text.replace(',', '.') : text.replace(/^\+/, '');
}
