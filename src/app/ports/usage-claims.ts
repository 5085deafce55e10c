import type { Page, PageRequest } from './audit.ts';
import type { UsageGroup } from '../../core/invoice/types.ts';

export interface CallRow {
  id: string;
  externalId: string;
  source: string;
  startedAt: string;
  durationSeconds: number;
  billableSeconds: number | null;
  direction: string;
  external: boolean;
  caller: string;
  callee: string;
  destinationPrefix: string | null;
  destination: string | null;
  price: string | null;
  currency: string | null;
  rated: boolean;
  documentId: string | null;
}

export interface DestinationDetail {
  prefix: string | null;
  destination: string;
  ratePerMinute: string | null;
  calls: number;
  durationSeconds: number;
  amount: string;
}

/** A UTC instant range, from inclusive, to exclusive. */
export interface InstantRange {
  from: string;
  to: string;
}

/** Which usage a document bills: the free usage of a period, claiming and releasing it, and reading it back. */
export interface UsageClaimsRepo {
  /** Outbound external usage of the customer in the range that has no price. */
  countUnrated(tenantId: string, customerId: string, range: InstantRange): Promise<number>;
  /** Rated outbound external usage of the range that no document bills yet. */
  countFreeUsage(tenantId: string, customerId: string, range: InstantRange): Promise<number>;
  /** Unrated billable usage of many customers in one range, per customer (absent: none). */
  countUnratedOf(tenantId: string, customerIds: readonly string[], range: InstantRange): Promise<Map<string, number>>;
  /**
   * Takes the tenant's claim lock until the transaction ends and returns the usage bound: the last
   * record sequence handed out, read while no ingestion of the tenant is in flight. No record of
   * the tenant is ingested below the bound, and while the lock is held nothing frees or changes the
   * tenant's records (other claims run beside, on other customers, whose rows they lock), so a
   * snapshot read now is what its claim will cover.
   */
  usageBound(tenantId: string): Promise<string>;
  /**
   * Marks each document's customer's free outbound external usage of its range as billed by it,
   * as the snapshot read under `bound` counted it (`records`; none: nothing is claimed).
   */
  attachUsageOf(
    tenantId: string,
    claims: ReadonlyArray<{ documentId: string; customerId: string; range: InstantRange; records: number }>,
    bound: string,
  ): Promise<void>;
  releaseUsage(tenantId: string, documentId: string): Promise<number>;
  /** Frees the usage of many documents in one statement; returns how many records. */
  releaseUsageOf(tenantId: string, documentIds: readonly string[]): Promise<number>;
  /** Records which usage a document billed, before a cancel releases it (its call list keeps showing it). */
  rememberCancelledUsage(tenantId: string, documentId: string): Promise<void>;
  /**
   * Of these documents, the issued ones that a re-rate through a credit note took usage off and
   * whose released usage no document bills yet: they do not make their period "already billed".
   */
  reopenedForUsage(tenantId: string, documentIds: readonly string[]): Promise<Set<string>>;
  /** The usage a document bills, summed per destination. */
  usageGroups(tenantId: string, documentId: string): Promise<UsageGroup[]>;
  /**
   * The usage documents of many customers and ranges would bill now (rated, outbound external,
   * free), per destination, in one aggregate; keyed by the subject's `key`.
   */
  freeUsageGroupsOf(
    tenantId: string,
    subjects: ReadonlyArray<{ key: number; customerId: string; range: InstantRange }>,
    /** Only records up to this usage bound (a snapshot that will be claimed). */
    bound?: string,
  ): Promise<Map<number, UsageGroup[]>>;
  calls(tenantId: string, documentId: string, page: PageRequest): Promise<Page<CallRow>>;
  destinationDetails(tenantId: string, documentId: string, prefixPattern?: string): Promise<DestinationDetail[]>;
}
