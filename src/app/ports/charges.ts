import type { Page, PageRequest } from './audit.ts';
import type { DatePeriod } from '../../core/time/periods.ts';
import type { ProductKind } from './products.ts';

/** `scheduled`: produced from a subscription for a product period; `unscheduled`: added by hand or API. */
export type ChargeKind = 'scheduled' | 'unscheduled';

export const CHARGE_KINDS: readonly ChargeKind[] = ['scheduled', 'unscheduled'];

/**
 * One entry of the charge log: an amount owed for a product and a period. A charge is on at most
 * one document at a time (`documentId`); cancelling that document releases it.
 */
export interface Charge {
  id: string;
  tenantId: string;
  customerId: string;
  contractId: string;
  subscriptionId: string | null;
  productId: string | null;
  kind: ChargeKind;
  productKind: ProductKind;
  /** Pre-filled from the catalog name in the customer's language unless given. */
  description: string;
  quantity: string;
  /** The price of one unit for a whole product period; null when the amount was given outright. */
  unitPrice: string | null;
  /**
   * The amount owed, exact and unrounded (a prorated amount keeps 12 decimal places; `fullAmount`
   * × `activeDays` ÷ `periodDays` is the exact fraction). The document line rounds it once.
   */
  amount: string;
  currency: string;
  /** The product's tax rate; null: the invoicing scheme's rate applies. */
  taxRate: string | null;
  /** Scheduled charges: the product period the charge is for (inclusive dates). */
  servicePeriodStart: string | null;
  servicePeriodEnd: string | null;
  /** Unscheduled charges: the day of the sale or adjustment. */
  date: string | null;
  /**
   * The day whose billing period bills the charge: a scheduled charge's is the last day of the
   * billing period it was produced for (so an in-advance charge for March produced with February's
   * invoice is billed with February); an unscheduled charge's is its date.
   */
  billingDate: string;
  /** Scheduled charges: the whole-period amount and the proration by days. */
  fullAmount: string | null;
  activeDays: number | null;
  periodDays: number | null;
  /** The document that holds the charge, or null while unbilled. */
  documentId: string | null;
  createdAt: string;
}

export type ChargeInput = Omit<Charge, 'id' | 'tenantId' | 'documentId' | 'createdAt'>;

export interface ChargeFilter {
  customerId?: string | undefined;
  contractId?: string | undefined;
  subscriptionId?: string | undefined;
  productId?: string | undefined;
  kind?: ChargeKind | undefined;
  /** Charges whose billing date lies within the period (inclusive). */
  period?: DatePeriod | undefined;
  documentId?: string | undefined;
  /** true: only charges on no document; false: only charges on a document. */
  unbilled?: boolean | undefined;
}

export interface FreeChargeOptions {
  kinds?: readonly ChargeKind[] | undefined;
  /**
   * Which date places a charge in the period: `billing` (default) its billing date, for invoices;
   * `service` its service period or date overlapping the period, for a proforma of a coming period.
   */
  basis?: 'billing' | 'service' | undefined;
  /** With `billing`: also charges billed on or before the period's start that are still unbilled. */
  includeEarlier?: boolean | undefined;
}

export interface ChargeRepo {
  /**
   * Inserts the charges; a scheduled charge whose subscription and product period already has one
   * is skipped (a unique key makes a duplicate impossible). Returns the charges inserted.
   */
  insertMany(tenantId: string, charges: readonly (ChargeInput & { id: string })[]): Promise<Charge[]>;
  get(tenantId: string, id: string): Promise<Charge | null>;
  list(tenantId: string, filter: ChargeFilter, page: PageRequest): Promise<Page<Charge>>;
  /** Deletes an unbilled charge; false when it does not exist or is on a document. */
  deleteUnbilled(tenantId: string, id: string): Promise<boolean>;
  /** The product periods (their start dates) a subscription already has scheduled charges for. */
  producedPeriodStarts(tenantId: string, subscriptionId: string): Promise<string[]>;
  /**
   * The same for many subscriptions in one query, per subscription id, limited to product periods
   * starting on or after `since` (the earliest due one: older periods cannot be due again).
   */
  producedPeriodStartsOf(
    tenantId: string,
    subscriptionIds: readonly string[],
    since: string,
  ): Promise<Map<string, string[]>>;
  /** The customer's charges of the period that are on no document, in billing-date order (freeOf of one). */
  free(tenantId: string, customerId: string, period: DatePeriod, options?: FreeChargeOptions): Promise<Charge[]>;
  /** Puts unbilled charges on one document (claimOf of one); returns how many were claimed. */
  claim(tenantId: string, documentId: string, chargeIds: readonly string[]): Promise<number>;
  /**
   * The charges of many customers for one period that are on no document, per customer, in
   * billing-date order, in one query.
   */
  freeOf(
    tenantId: string,
    customerIds: readonly string[],
    period: DatePeriod,
    options?: FreeChargeOptions,
  ): Promise<Map<string, Charge[]>>;
  /**
   * The charges on no document billed within each entry's own period (by billing date), per
   * entry in billing-date order: many customers with periods of their own in two statements.
   */
  freeInPeriodsOf(
    tenantId: string,
    entries: ReadonlyArray<{ customerId: string; period: DatePeriod }>,
  ): Promise<Charge[][]>;
  /**
   * Puts unbilled charges on documents in one statement, locking them; returns how many each
   * document got (fewer than asked when some are already on a document or do not exist: the
   * caller then rolls back).
   */
  claimOf(
    tenantId: string,
    claims: ReadonlyArray<{ documentId: string; chargeIds: readonly string[] }>,
  ): Promise<Map<string, number>>;
  /** Takes every charge off the document (a cancelled or regenerated draft); returns how many. */
  release(tenantId: string, documentId: string): Promise<number>;
  /** Takes every charge off many documents in one statement; returns how many. */
  releaseOf(tenantId: string, documentIds: readonly string[]): Promise<number>;
  /** The charges a document holds, in billing-date order. */
  onDocument(tenantId: string, documentId: string): Promise<Charge[]>;
}
