import type { Page, PageRequest } from './audit.ts';
import type { AllocationCriterion } from '../../core/payments/index.ts';

export type PaymentMethod = 'bank_transfer' | 'card' | 'cash' | 'other';
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['bank_transfer', 'card', 'cash', 'other'];

export interface PaymentRecord {
  id: string;
  tenantId: string;
  customerId: string | null;
  amount: string;
  currency: string;
  receivedAt: string;
  method: PaymentMethod;
  payer: string | null;
  reference: string | null;
  source: string;
  externalId: string | null;
  importId: string | null;
  createdAt: string;
}

export type NewPayment = Omit<PaymentRecord, 'createdAt'>;

export interface ReversalRecord {
  id: string;
  tenantId: string;
  paymentId: string;
  reason: string | null;
  reversedAt: string;
}

/** auto / manual bindings are positive; unbind, reversal and cancel entries are negative. */
export type AllocationKind = 'auto' | 'manual' | 'credit_note' | 'unbind' | 'reversal' | 'cancel';

export interface AllocationRecord {
  id: string;
  tenantId: string;
  customerId: string;
  paymentId: string;
  documentId: string;
  /** In the document's currency; negative for an entry that undoes a binding. */
  amount: string;
  /** The same money in the payment's currency. */
  paymentAmount: string;
  /** Units of the document's currency per unit of the payment's, when they differ. */
  rate: string | null;
  kind: AllocationKind;
  reversesId: string | null;
  reason: string | null;
  at: string;
}

export interface AllocationConfigurationRecord {
  id: string;
  tenantId: string;
  name: string;
  criteria: AllocationCriterion[];
  allowPartial: boolean;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ExchangeRateRecord {
  id: string;
  tenantId: string;
  currency: string;
  rate: string;
  validFrom: string;
  createdAt: string;
}

/** An issued payable document with money still open, as allocation sees it. */
export interface OpenDocumentRow {
  id: string;
  currency: string;
  total: string;
  paid: string;
  issueDate: string;
  dueDate: string;
  servicePriority: number | null;
}

export interface LedgerDocument {
  id: string;
  type: string;
  number: string | null;
  currency: string;
  total: string;
  paid: string;
  issueDate: string;
  dueDate: string | null;
  issuedAt: string;
  cancelledAt: string | null;
  paymentStatus: string | null;
}

export interface PaymentFilter {
  customerId?: string | undefined;
  unmatched?: boolean | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
}

/** Payments, their reversals, and matching a bank row to a customer. */
export interface PaymentsRepo
  extends AllocationsRepo, AllocationConfigurationsRepo, ExchangeRatesRepo, PaymentLedgerRepo {
  insertPayment(p: NewPayment): Promise<PaymentRecord>;
  /** Inserts many payments with multi-row statements; returned in the given order. */
  insertPayments(rows: NewPayment[]): Promise<PaymentRecord[]>;
  getPayment(tenantId: string, id: string, options?: { forUpdate?: boolean }): Promise<PaymentRecord | null>;
  findByExternalId(tenantId: string, source: string, externalId: string): Promise<PaymentRecord | null>;
  /** The payments of the source carrying one of these external ids. */
  findByExternalIds(tenantId: string, source: string, externalIds: string[]): Promise<PaymentRecord[]>;
  listPayments(tenantId: string, filter: PaymentFilter, page: PageRequest): Promise<Page<PaymentRecord>>;
  /** Matches an unmatched payment to a customer (the only field of a payment that ever changes). */
  setCustomer(tenantId: string, id: string, customerId: string): Promise<PaymentRecord>;

  insertReversal(r: ReversalRecord): Promise<void>;
  reversal(tenantId: string, paymentId: string): Promise<ReversalRecord | null>;
  reversalsOf(tenantId: string, paymentIds: string[]): Promise<ReversalRecord[]>;

  /** The one customer whose bank account is this IBAN; null when none or several have it. */
  customerIdByIban(tenantId: string, iban: string): Promise<string | null>;
  /** The one customer an issued payable document numbered with one of `numbers` belongs to; null when none or several. */
  customerIdByDocumentNumbers(tenantId: string, numbers: string[]): Promise<string | null>;

  // The same matching for many bank rows at once.
  /** Which of these customer ids exist. */
  existingCustomerIds(tenantId: string, ids: string[]): Promise<Set<string>>;
  /** Account code → the customer carrying it. */
  customerIdsByAccountCodes(tenantId: string, codes: string[]): Promise<Map<string, string>>;
  /** IBAN → the one customer whose bank account it is (IBANs of several customers are left out). */
  customerIdsByIbans(tenantId: string, ibans: string[]): Promise<Map<string, string>>;
  /** Document number → the customers owning an issued payable document of that number. */
  customersOfDocumentNumbers(tenantId: string, numbers: string[]): Promise<Map<string, Set<string>>>;
}

/** The allocation ledger and what allocation reads and locks. */
export interface AllocationsRepo {
  insertAllocations(rows: AllocationRecord[]): Promise<void>;
  allocationsOfPayment(tenantId: string, paymentId: string): Promise<AllocationRecord[]>;
  allocationsOfPayments(tenantId: string, paymentIds: string[]): Promise<AllocationRecord[]>;
  allocationsOfDocument(tenantId: string, documentId: string): Promise<AllocationRecord[]>;
  allocationsOfCustomer(tenantId: string, customerId: string): Promise<AllocationRecord[]>;
  /** Adds `delta` to a document's cached paid amount and sets its payment status. */
  setDocumentPaid(tenantId: string, documentId: string, delta: string, paymentStatus: string): Promise<void>;
  /** `setDocumentPaid` for many documents in one statement (one entry per document). */
  setDocumentsPaid(
    tenantId: string,
    moves: ReadonlyArray<{ documentId: string; delta: string; status: string }>,
  ): Promise<void>;
  /** Issued payable documents of the customer with money open, locked for the caller's transaction. */
  openDocuments(tenantId: string, customerId: string): Promise<OpenDocumentRow[]>;
  /** `openDocuments` of many customers in one query: customer id → its documents by id. */
  openDocumentsOf(tenantId: string, customerIds: string[]): Promise<Map<string, OpenDocumentRow[]>>;
  /** Payments of the customer, not reversed, with money not yet allocated. */
  paymentsWithCredit(tenantId: string, customerId: string): Promise<Array<PaymentRecord & { allocated: string }>>;
  /** Which of the customers have a payment with money not yet allocated. */
  customersWithCredit(tenantId: string, customerIds: readonly string[]): Promise<Set<string>>;
  /** What issued credit notes already credit on a document: in total, and per credited line id. */
  creditedOn(tenantId: string, documentId: string): Promise<{ total: string; lines: Map<string, string> }>;
  /** Serialises allocation per customer, so two payments never over-allocate one document. */
  lockCustomer(tenantId: string, customerId: string): Promise<void>;
}

export interface AllocationConfigurationsRepo {
  insertConfiguration(
    c: Omit<AllocationConfigurationRecord, 'createdAt' | 'updatedAt'>,
  ): Promise<AllocationConfigurationRecord>;
  updateConfiguration(
    tenantId: string,
    id: string,
    patch: Partial<Pick<AllocationConfigurationRecord, 'name' | 'criteria' | 'allowPartial' | 'isDefault'>>,
  ): Promise<AllocationConfigurationRecord | null>;
  getConfiguration(tenantId: string, id: string): Promise<AllocationConfigurationRecord | null>;
  defaultConfiguration(tenantId: string): Promise<AllocationConfigurationRecord | null>;
  clearDefaultConfiguration(tenantId: string): Promise<void>;
  listConfigurations(tenantId: string): Promise<AllocationConfigurationRecord[]>;
  /** The configuration named by the customer's active contract, if any. */
  contractConfigurationId(tenantId: string, customerId: string): Promise<string | null>;
  /** `contractConfigurationId` of many customers: customer id → configuration id (when one is named). */
  contractConfigurationIds(tenantId: string, customerIds: string[]): Promise<Map<string, string>>;
  getConfigurations(tenantId: string, ids: string[]): Promise<AllocationConfigurationRecord[]>;
}

export interface ExchangeRatesRepo {
  insertRate(r: Omit<ExchangeRateRecord, 'createdAt'>): Promise<ExchangeRateRecord>;
  listRates(tenantId: string, currency?: string): Promise<ExchangeRateRecord[]>;
  /** The rate valid on `date` (latest validFrom on or before it). */
  rateOn(tenantId: string, currency: string, date: string): Promise<string | null>;
}

/** Read models of documents and payments for balances, statements and reports. */
export interface PaymentLedgerRepo {
  /** Issued documents, with currency, frozen rate and totals, for reports. */
  issuedDocuments(
    tenantId: string,
    filter: { customerId?: string | undefined; types?: string[] | undefined },
  ): Promise<
    Array<{
      id: string;
      type: string;
      number: string | null;
      customerId: string;
      currency: string;
      exchangeRate: string | null;
      totalNet: string;
      total: string;
      paid: string;
      issueDate: string;
      dueDate: string | null;
      paymentStatus: string | null;
    }>
  >;
  /** Tenant's payable documents open on issue whose status is not yet overdue but should be checked. */
  openPayableDocuments(
    tenantId: string,
  ): Promise<Array<{ id: string; total: string; paid: string; dueDate: string; paymentStatus: string | null }>>;
  tenantsWithOpenDocuments(): Promise<string[]>;
  /** Issued (or issued then cancelled) documents of the customer that move its balance. */
  ledgerDocuments(tenantId: string, customerId: string): Promise<LedgerDocument[]>;
  /** The tenant's payments that are not reversed. */
  receivedPayments(tenantId: string): Promise<PaymentRecord[]>;
  /** Every payment of the customer, with its reversal time if reversed. */
  customerPayments(tenantId: string, customerId: string): Promise<Array<PaymentRecord & { reversedAt: string | null }>>;
}
