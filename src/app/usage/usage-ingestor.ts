import type { Deps } from '../deps.ts';
import type { Session } from '../ports/session.ts';
import type { FieldError } from '../errors.ts';
import type { CustomerRef, EncodedRecords, NewUsageRecord, SourceSettings } from '../ports/usage.ts';
import { notFound } from '../errors.ts';
import {
  Classifier,
  defaultSettings,
  isAbsent,
  validateUsage,
  type RawUsage,
  type UsageCandidate,
} from '../../core/usage/index.ts';
import { isCurrency } from '../../core/money/currency.ts';
import { microToString } from '../../core/money/micro.ts';
import { compileRates, type PrefixTable } from '../../core/rating/index.ts';
import { CustomerResolver } from './customer-resolver.ts';
import { RatePlanCache, labelOf } from './rate-plan-cache.ts';

// The one path every usage record takes, whether it came in a JSON batch, a CSV or Asterisk file,
// the demo, or a re-processed rejection: validate, find the customer, rate, insert with
// ON CONFLICT DO NOTHING. Rows that fail are returned with the reason, never dropped.

/** A row as read from its source, before validation. */
export interface IncomingRow {
  /** File line, index in a JSON batch, or index among the rejections being re-processed. */
  position: number;
  /** What is stored if the row is rejected, so it can be inspected and re-imported. */
  original: unknown;
  raw: RawUsage | null;
  /** Set when the row could not even be read (bad encoding, wrong column count). */
  failure?: { code: string; detail: string } | undefined;
  /** Not a record and not an error, e.g. an unanswered call in an Asterisk file. */
  skip?: boolean | undefined;
  /** For CSV rows kept as arrays: the header that names their columns when stored. */
  header?: readonly string[] | undefined;
  /** The fields classification rules read (switch formats); JSON and CSV rows use `raw` itself. */
  fields?: Readonly<Record<string, string>> | undefined;
}

/** A row a classification rule skipped, with the rule's reason. */
export interface IgnoredRow {
  position: number;
  reason: string;
}

export interface RowRejection {
  position: number;
  original: unknown;
  source: string | null;
  code: string;
  detail: string;
  errors: FieldError[];
}

interface Valid {
  row: IncomingRow;
  candidate: UsageCandidate;
  startedAtMs: number;
  classifiedBy: 'record' | 'rule' | 'default';
}

export interface PreparedBatch {
  rows: number;
  valid: Valid[];
  rejected: RowRejection[];
  /** Unanswered attempts (billsec 0) in switch files. */
  skipped: number;
  ignored: IgnoredRow[];
}

/** A batch rated and encoded for the database, waiting for its transaction. */
export interface ResolvedBatch {
  rows: number;
  skipped: number;
  ignored: IgnoredRow[];
  records: EncodedRecords;
  rejected: RowRejection[];
}

export interface BatchOutcome {
  rows: number;
  accepted: number;
  duplicates: number;
  skipped: number;
  ignored: IgnoredRow[];
  /** Accepted records per class. */
  outboundExternal: number;
  outboundInternal: number;
  inbound: number;
  rejected: RowRejection[];
}

const CSV_FIELDS = ['caller', 'callee', 'accountCode', 'customerId'] as const;

/** What is kept of a JSON or CSV record for reclassification: its text fields rules may read. */
function csvFieldsOf(raw: RawUsage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of CSV_FIELDS) {
    const value = raw[field];
    if (typeof value === 'string' && value.trim()) out[field] = value.trim();
  }
  return out;
}

const fieldsOf = (errors: readonly FieldError[]) => errors.map((e) => `${e.field}: ${e.message}`).join('; ');

/** A rejected CSV row is stored as {column: value}: readable, and re-mappable after a fix. */
function originalOf(row: IncomingRow): unknown {
  const cells = row.original;
  if (!row.header || !Array.isArray(cells)) return cells;
  return Object.fromEntries(row.header.map((name, i) => [name, cells[i] ?? '']));
}

export function rejection(row: IncomingRow, source: string | null, errors: FieldError[]): RowRejection {
  return {
    position: row.position,
    original: originalOf(row),
    source,
    code: errors[0].code,
    detail: fieldsOf(errors),
    errors,
  };
}

/** A row refused by a rule about the whole record (customer, currency): the message is the detail. */
function refusal(row: IncomingRow, source: string | null, field: string, code: string, message: string): RowRejection {
  return { ...rejection(row, source, [{ field, code, message }]), detail: message };
}

/** A NUL cannot be stored in PostgreSQL text and is never part of a real CDR. */
function hasNul(raw: RawUsage): boolean {
  for (const value of Object.values(raw)) if (typeof value === 'string' && value.includes('\u0000')) return true;
  return false;
}

export class UsageIngestor {
  readonly #customers: CustomerResolver;
  readonly #plans: RatePlanCache;
  readonly #classifiers = new Map<string, Classifier>();
  readonly #defaultClassifier = new Classifier(defaultSettings());
  #catalog: PrefixTable | null = null;

  private constructor(
    readonly tenantId: string,
    readonly timeZone: string,
    readonly defaultSource: string,
    private readonly now: string,
    sources: readonly SourceSettings[],
  ) {
    this.#customers = new CustomerResolver(tenantId, timeZone);
    this.#plans = new RatePlanCache(tenantId, timeZone);
    for (const s of sources) this.#classifiers.set(s.source, new Classifier(s));
  }

  /**
   * One ingestor per batch request or import: its caches live as long as it does, and so do the
   * classification rules it read at the start (a rule change applies to the next import).
   */
  static async open(deps: Deps, tenantId: string, defaultSource: string): Promise<UsageIngestor> {
    const [tenant, sources] = await deps.uow.run(
      async (s) => [await s.tenancy.getTenant(tenantId), await s.usage.listSourceSettings(tenantId)] as const,
    );
    if (!tenant) throw notFound('Tenant', tenantId);
    return new UsageIngestor(tenantId, tenant.timezone, defaultSource, deps.clock.now().toString(), sources);
  }

  /** The source's rules, or the documented default (callee length) for a source without any. */
  classifierFor(source: string): Classifier {
    return this.#classifiers.get(source) ?? this.#defaultClassifier;
  }

  /** Validation only: pure CPU, so the next batch can be prepared while the last one is written. */
  prepare(rows: readonly IncomingRow[]): PreparedBatch {
    const out: PreparedBatch = { rows: rows.length, valid: [], rejected: [], skipped: 0, ignored: [] };
    const ctx = { now: this.now, defaultSource: this.defaultSource, isCurrency };
    for (const row of rows) {
      if (row.skip) {
        out.skipped++;
        continue;
      }
      const source =
        typeof row.raw?.source === 'string' && row.raw.source.trim() ? row.raw.source.trim() : this.defaultSource;
      if (row.failure || row.raw === null) {
        const failure = row.failure ?? { code: 'INVALID_TYPE', detail: 'a record must be an object' };
        out.rejected.push(refusal(row, source, 'row', failure.code, failure.detail));
        continue;
      }
      if (hasNul(row.raw)) {
        out.rejected.push(refusal(row, source, 'row', 'INVALID_ENCODING', 'the record contains a NUL character'));
        continue;
      }
      // A record that states its direction or external flag keeps it; rules classify the others,
      // before validation, so that a rule can ignore rows that are not calls at all.
      const raw = row.raw;
      const stated = !isAbsent(raw.direction) || !isAbsent(raw.external);
      const decided = stated ? null : this.classifierFor(source).classify(row.fields ?? raw, raw.callee);
      if (decided?.ignored) {
        out.ignored.push({ position: row.position, reason: decided.reason });
        continue;
      }
      const result = validateUsage(raw, ctx);
      if (!result.ok) {
        out.rejected.push(rejection(row, source, result.errors));
        continue;
      }
      const candidate = result.value;
      if (decided) {
        candidate.direction = decided.direction;
        candidate.external = decided.external;
      }
      out.valid.push({
        row,
        candidate,
        startedAtMs: Date.parse(candidate.startedAt),
        classifiedBy: decided ? decided.by : 'record',
      });
    }
    return out;
  }

  /**
   * Finds customers and rates a prepared batch, and encodes its records for the database. Reads
   * only (cached lookups), so an import runs it while the previous batch is still being written.
   */
  async resolve(session: Session, batch: PreparedBatch): Promise<ResolvedBatch> {
    const rejected = [...batch.rejected];
    await this.#customers.prepare(
      session,
      batch.valid.map((v) => v.candidate),
    );
    const resolved: Array<{ v: Valid; customer: CustomerRef }> = [];
    for (const v of batch.valid) {
      const found = this.#customers.resolve(v.candidate, v.startedAtMs);
      if (!found.ok) {
        rejected.push(
          refusal(
            v.row,
            v.candidate.source,
            found.code === 'UNKNOWN_CUSTOMER' ? 'customerId' : 'caller',
            found.code,
            found.detail,
          ),
        );
        continue;
      }
      const priced = v.candidate.priceMicro !== null;
      if (priced && v.candidate.currency !== null && v.candidate.currency !== found.customer.currency) {
        const message = `the price is in ${v.candidate.currency} but customer ${found.customer.id} is billed in ${found.customer.currency}`;
        rejected.push(refusal(v.row, v.candidate.source, 'currency', 'CURRENCY_MISMATCH', message));
        continue;
      }
      resolved.push({ v, customer: found.customer });
    }
    await this.#plans.prepare(
      session,
      resolved.map((r) => ({ customerId: r.customer.id, startedAtMs: r.v.startedAtMs })),
    );
    const unlabelled = resolved.some(
      (r) =>
        r.v.candidate.priceMicro !== null && !this.#plans.label(r.customer.id, r.v.startedAtMs, r.v.candidate.callee),
    );
    if (unlabelled) await this.#loadCatalog(session);
    const records = resolved.map((r) => this.#toRecord(r.v, r.customer));
    rejected.sort((a, b) => a.position - b.position);
    return {
      rows: batch.rows,
      skipped: batch.skipped,
      ignored: batch.ignored,
      records: session.usage.encodeRecords(records),
      rejected,
    };
  }

  /** Inserts a resolved batch in the caller's transaction (ON CONFLICT DO NOTHING). */
  async store(session: Session, batch: ResolvedBatch, importId: string | null): Promise<BatchOutcome> {
    const count = batch.records.count;
    const stored = count
      ? await session.usage.insertRecords(this.tenantId, importId, batch.records)
      : { inserted: 0, outboundExternal: 0, outboundInternal: 0, inbound: 0 };
    return {
      rows: batch.rows,
      accepted: stored.inserted,
      duplicates: count - stored.inserted,
      skipped: batch.skipped,
      ignored: batch.ignored,
      outboundExternal: stored.outboundExternal,
      outboundInternal: stored.outboundInternal,
      inbound: stored.inbound,
      rejected: batch.rejected,
    };
  }

  /** resolve and store in one transaction: JSON batches and re-processed rejections. */
  async write(session: Session, batch: PreparedBatch, importId: string | null): Promise<BatchOutcome> {
    return this.store(session, await this.resolve(session, batch), importId);
  }

  #toRecord(v: Valid, customer: CustomerRef): NewUsageRecord {
    const c = v.candidate;
    const classifiedBy = v.classifiedBy;
    const cdrFields = classifiedBy === 'record' ? null : (v.row.fields ?? csvFieldsOf(v.row.raw!));
    if (c.priceMicro !== null) {
      // Rated upstream: kept as it is, only labelled with a destination (the plan's, else the catalog's).
      const label =
        this.#plans.label(customer.id, v.startedAtMs, c.callee) ?? labelOf(this.#catalog ?? undefined, c.callee);
      return {
        source: c.source,
        externalId: c.externalId,
        customerId: customer.id,
        startedAt: c.startedAt,
        durationSeconds: c.durationSeconds,
        direction: c.direction,
        external: c.external,
        caller: c.caller,
        callee: c.callee,
        price: microToString(c.priceMicro),
        currency: c.currency ?? customer.currency,
        rated: true,
        preRated: true,
        unratedReason: null,
        destinationPrefix: label?.prefix ?? null,
        destinationName: label?.name ?? null,
        ratePlanId: null,
        billableSeconds: null,
        classifiedBy,
        cdrFields,
      };
    }
    // One object literal of one shape: this runs a million times per import.
    const r = this.#plans.rate(customer, v.startedAtMs, c.callee, c.durationSeconds);
    return {
      source: c.source,
      externalId: c.externalId,
      customerId: customer.id,
      startedAt: c.startedAt,
      durationSeconds: c.durationSeconds,
      direction: c.direction,
      external: c.external,
      caller: c.caller,
      callee: c.callee,
      price: r.price,
      currency: r.currency,
      rated: r.rated,
      preRated: false,
      unratedReason: r.unratedReason,
      destinationPrefix: r.destinationPrefix,
      destinationName: r.destinationName,
      ratePlanId: r.ratePlanId,
      billableSeconds: r.billableSeconds,
      classifiedBy,
      cdrFields,
    };
  }

  /** The tenant's destinations as a trie, to name the destination of pre-rated calls. */
  async #loadCatalog(session: Session): Promise<void> {
    if (this.#catalog) return;
    const destinations = await session.rating.allDestinations(this.tenantId);
    this.#catalog = compileRates(
      destinations.map((d) => ({
        prefix: d.prefix,
        pricePerMinute: '0',
        connectionFee: '0',
        minimumSeconds: 0,
        incrementSeconds: 1,
        destinationName: d.name,
      })),
    );
  }

  /** Rating only, for re-rating stored records with the same caches and rules. */
  async prepareRating(session: Session, calls: ReadonlyArray<{ customerId: string; startedAtMs: number }>) {
    await this.#plans.prepare(session, calls);
  }

  rate(customer: { id: string; currency: string }, startedAtMs: number, callee: string, durationSeconds: number) {
    return this.#plans.rate(customer, startedAtMs, callee, durationSeconds);
  }
}
