import type { FieldError } from '../../core/validation/field-error.ts';
import type { ProcessOwner } from './processes.ts';
import type { Page, PageRequest } from './audit.ts';
import type { ClassifySettings } from '../../core/usage/index.ts';

// Ports of usage: records, imports, rejections and source watermarks (the catalog is in rating.ts).
// Money crosses these ports as decimal strings with six decimals, exactly as numeric(18,6) stores it.

/** Who a record names and how: the resolver looks these up in bulk. */
export interface CustomerRef {
  id: string;
  currency: string;
}

export interface NumberMapping {
  number: string;
  customerId: string;
  currency: string;
  validFrom: string;
  validTo: string | null;
}

/** A record ready to be stored; prices are six-decimal strings. */
export interface NewUsageRecord {
  source: string;
  externalId: string;
  customerId: string;
  startedAt: string;
  durationSeconds: number;
  direction: 'outbound' | 'inbound';
  external: boolean;
  caller: string;
  callee: string;
  price: string | null;
  currency: string | null;
  rated: boolean;
  preRated: boolean;
  unratedReason: string | null;
  destinationPrefix: string | null;
  destinationName: string | null;
  ratePlanId: string | null;
  billableSeconds: number | null;
  /** How direction and external were decided; null on records stored before classification. */
  classifiedBy: 'record' | 'rule' | 'default' | null;
  /** The fields classification rules read (kept to reclassify after a rule change). */
  cdrFields: Readonly<Record<string, string>> | null;
}

/** What one INSERT stored: the new records, and how many of them fall in each class. */
export interface InsertedCounts {
  inserted: number;
  outboundExternal: number;
  outboundInternal: number;
  inbound: number;
}

/** Records in the adapter's bulk form; only the adapter looks inside. */
export interface EncodedRecords {
  readonly count: number;
  readonly columns: readonly string[];
}

export interface UsageRecord extends NewUsageRecord {
  id: string;
  documentId: string | null;
  importId: string | null;
  createdAt: string;
}

export interface UsageFilter {
  customerId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  direction?: 'outbound' | 'inbound' | undefined;
  external?: boolean | undefined;
  rated?: boolean | undefined;
  source?: string | undefined;
  /** A destination prefix, `%` matching any run of digits (35%, %67, 3%7, %56%). */
  destination?: string | undefined;
  documentId?: string | undefined;
  importId?: string | undefined;
  /** One record by id (GET /usage-records/{id}). */
  id?: string | undefined;
}

export interface DestinationTotal {
  prefix: string | null;
  destination: string | null;
  currency: string | null;
  calls: number;
  unratedCalls: number;
  durationSeconds: number;
  billableSeconds: number;
  amount: string;
}

export interface UnratedCount {
  customerId: string;
  customerName: string;
  unrated: number;
  reasons: Record<string, number>;
}

/** A record picked for re-rating, with what it was rated as before. */
export interface RerateCandidate {
  id: string;
  customerId: string;
  startedAt: string;
  durationSeconds: number;
  callee: string;
  documentId: string | null;
  /** The destination it was rated as before: the usage line of its document that holds it. */
  destinationPrefix: string | null;
  destinationName: string | null;
}

/** The outcome of rating one call; unrated calls keep a reason. */
export interface Rating {
  price: string | null;
  currency: string | null;
  rated: boolean;
  unratedReason: string | null;
  destinationPrefix: string | null;
  destinationName: string | null;
  ratePlanId: string | null;
  billableSeconds: number | null;
}

/** A stored record's new rating. */
export interface RerateUpdate extends Rating {
  id: string;
}

/**
 * Stored statuses, plus `interrupted`: never stored, it is what readers answer for a `running`
 * file import whose owner process is gone (see import-owner.ts); `--resume` continues it.
 */
export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed' | 'interrupted';
export type ImportFormat = 'csv' | 'asterisk' | 'freeswitch-csv' | 'freeswitch-xml';

/** Rows per class; skippedUnanswered is the import's `skipped`. */
export interface ClassCounts {
  outboundExternal: number;
  outboundInternal: number;
  inbound: number;
  ignored: number;
}

export interface ImportOptions {
  timezone?: string;
  encoding?: string;
  origin?: 'api' | 'cli' | 'demo';
  batchSize?: number;
  fileSize?: number;
  /** SHA-256 of the whole file a CLI import reads: `--resume` refuses any other file. */
  fileSha256?: string;
  /** The process streaming a CLI import, with its last sign of life. */
  owner?: ImportOwner;
}

export interface ImportOwner extends ProcessOwner {
  heartbeatAt: string;
}

/** Rejections of an import per code: how many, and the first file lines. */
export interface RejectionSummary {
  code: string;
  count: number;
  firstLines: number[];
  example: string;
}

export interface UsageImport {
  id: string;
  tenantId: string;
  source: string;
  format: ImportFormat;
  fileName: string | null;
  status: ImportStatus;
  mapping: Record<string, string> | null;
  options: ImportOptions;
  totalRows: number;
  processedRows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  skipped: number;
  outboundExternal: number;
  outboundInternal: number;
  inbound: number;
  ignored: number;
  /** Ignored rows per rule reason. */
  ignoredReasons: Record<string, number>;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** processedRows is the new total; the counts are what the batch adds. */
export interface ImportProgress extends ClassCounts {
  processedRows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  skipped: number;
  ignoredReasons: Record<string, number>;
}

/** A source's stored classification settings. */
export interface SourceSettings extends ClassifySettings {
  source: string;
  updatedAt: string;
}

/** The selection of a reclassification: one source, one period (from inclusive, to exclusive). */
export interface ReclassifyFilter {
  source: string;
  from: string;
  to: string;
}

/** A stored record that rules may classify again (its class was not stated by the record). */
export interface ReclassifyCandidate {
  id: string;
  customerId: string;
  startedAt: string;
  durationSeconds: number;
  callee: string;
  direction: 'outbound' | 'inbound';
  external: boolean;
  classifiedBy: 'rule' | 'default';
  preRated: boolean;
  cdrFields: Record<string, unknown>;
  documentId: string | null;
}

/** A record's new class, and its new rating unless it is pre-rated (rating null keeps it). */
export interface ReclassifyUpdate {
  id: string;
  direction: 'outbound' | 'inbound';
  external: boolean;
  classifiedBy: 'rule' | 'default';
  rating: Rating | null;
}

export interface NewRejection {
  importId: string | null;
  source: string | null;
  line: number | null;
  raw: unknown;
  rawHash: string;
  code: string;
  detail: string;
  errors: FieldError[];
}

export interface UsageRejection extends Omit<NewRejection, 'rawHash'> {
  id: string;
  tenantId: string;
  status: 'open' | 'resolved' | 'discarded';
  createdAt: string;
  resolvedAt: string | null;
}

export interface RejectionFilter {
  status?: UsageRejection['status'] | undefined;
  importId?: string | undefined;
  source?: string | undefined;
  code?: string | undefined;
  ids?: string[] | undefined;
}

export interface SourceWatermark {
  source: string;
  watermark: string | null;
  updatedAt: string | null;
}

export interface UsageRepo {
  /** Up to `limit` tenant ids: the CLI imports into the only tenant when none is named. */
  tenantIds(limit: number): Promise<string[]>;
  customersByIds(tenantId: string, ids: string[]): Promise<CustomerRef[]>;
  customersByAccountCodes(tenantId: string, codes: string[]): Promise<Array<CustomerRef & { accountCode: string }>>;
  numberMappings(tenantId: string, numbers: string[]): Promise<NumberMapping[]>;

  /**
   * Encodes records into the database's bulk form. Pure (it does not use the transaction), so an
   * import encodes the next batch while the previous one is being written.
   */
  encodeRecords(records: readonly NewUsageRecord[]): EncodedRecords;
  /** INSERT … ON CONFLICT DO NOTHING: how many rows were new, per class. */
  insertRecords(tenantId: string, importId: string | null, records: EncodedRecords): Promise<InsertedCounts>;
  listRecords(tenantId: string, filter: UsageFilter, page: PageRequest): Promise<Page<UsageRecord>>;
  /** Per destination and currency, or per currency only (prefix and destination then null). */
  totals(tenantId: string, filter: UsageFilter, groupBy: 'destination' | 'currency'): Promise<DestinationTotal[]>;
  unratedCounts(tenantId: string, filter: UsageFilter): Promise<UnratedCount[]>;
  /** Documents (id, status) holding records of the selection; with lock, held FOR SHARE until commit. */
  documentsOf(
    tenantId: string,
    filter: UsageFilter & { preRated?: false; reclassifiable?: true },
    lock: boolean,
  ): Promise<Array<{ id: string; status: string }>>;
  rerateCandidates(
    tenantId: string,
    filter: UsageFilter & { preRated: false },
    afterId: string | null,
    limit: number,
  ): Promise<RerateCandidate[]>;
  /** Applies new ratings; returns the ids of the records whose rating changed. */
  applyRerate(tenantId: string, updates: RerateUpdate[]): Promise<Array<{ id: string; documentId: string | null }>>;
  markDraftsForRegeneration(tenantId: string, documentIds: string[]): Promise<string[]>;
  /**
   * Takes off a document the records it bills in the given usage groups (prefix, destination as
   * its usage lines name them) and the given ids, remembering them as billed by it before; returns
   * the released ids, sorted.
   */
  releaseFromDocument(
    tenantId: string,
    documentId: string,
    groups: ReadonlyArray<{ prefix: string | null; destination: string }>,
    ids: readonly string[],
  ): Promise<string[]>;
  /** Records of the source and period whose class rules decided, FOR UPDATE, in id order. */
  reclassifyCandidates(
    tenantId: string,
    filter: ReclassifyFilter,
    afterId: string | null,
    limit: number,
  ): Promise<ReclassifyCandidate[]>;
  applyReclassify(tenantId: string, updates: ReclassifyUpdate[]): Promise<void>;
  /** Deletes records (a rule now ignores them); returns the documents they were on. */
  deleteRecords(tenantId: string, ids: string[]): Promise<string[]>;

  getSourceSettings(tenantId: string, source: string): Promise<SourceSettings | null>;
  listSourceSettings(tenantId: string): Promise<SourceSettings[]>;
  putSourceSettings(tenantId: string, source: string, settings: ClassifySettings): Promise<SourceSettings>;

  insertImport(
    imp: Omit<UsageImport, 'createdAt' | 'finishedAt' | 'error' | keyof ImportProgress>,
    content: string | null,
  ): Promise<UsageImport>;
  getImport(tenantId: string, id: string, options?: { forUpdate?: boolean }): Promise<UsageImport | null>;
  importContent(tenantId: string, id: string): Promise<string | null>;
  importHasContent(tenantId: string, id: string): Promise<boolean>;
  listImports(tenantId: string, page: PageRequest): Promise<Page<UsageImport>>;
  /**
   * Adds one batch's counts and sets processed rows, in the batch's transaction, provided the
   * import still stands at `expectedProcessed` rows; false when another worker moved it on.
   */
  advanceImport(tenantId: string, id: string, expectedProcessed: number, progress: ImportProgress): Promise<boolean>;
  updateImport(
    tenantId: string,
    id: string,
    patch: Partial<Pick<UsageImport, 'status' | 'totalRows' | 'error' | 'finishedAt'>> & { clearContent?: boolean },
  ): Promise<void>;

  /** Records (or, with null, clears) the process working on an import, keeping its other options. */
  setImportOwner(tenantId: string, id: string, owner: ImportOwner | null): Promise<void>;
  rejectionSummary(tenantId: string, importId: string, firstLines: number): Promise<RejectionSummary[]>;

  insertRejections(tenantId: string, rejections: NewRejection[]): Promise<void>;
  listRejections(tenantId: string, filter: RejectionFilter, page: PageRequest): Promise<Page<UsageRejection>>;
  resolveRejections(tenantId: string, ids: string[], status: 'resolved' | 'discarded', at: string): Promise<number>;
  updateRejection(
    tenantId: string,
    id: string,
    patch: { code: string; detail: string; errors: NewRejection['errors'] },
  ): Promise<void>;

  setWatermark(tenantId: string, source: string, watermark: string): Promise<SourceWatermark>;
  getWatermark(tenantId: string, source: string): Promise<SourceWatermark | null>;
  listSources(tenantId: string): Promise<SourceWatermark[]>;
  lateSources(tenantId: string, until: string): Promise<Array<{ source: string; watermark: string }>>;
}
