import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { ImportProgress, UsageImport } from '../ports/usage.ts';
import { conflict } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { CsvRecordReader, type CsvRecord } from './csv-records.ts';
import { decodeChunks } from './decode-text.ts';
import {
  asteriskRowMapper,
  csvRowMapper,
  freeswitchCsvRowMapper,
  freeswitchXmlRow,
  resolveMapping,
  type RowMapper,
} from './import-rows.ts';
import { UsageIngestor, type BatchOutcome, type IncomingRow, type ResolvedBatch } from './usage-ingestor.ts';
import { readXmlCdr, splitXmlCdrs, assertNoXmlDeclarations } from './freeswitch-xml.ts';
import { storeRejections } from './store-rejections.ts';

export const DEFAULT_BATCH_ROWS = 5_000;

export interface ImportHooks {
  /** Called after each committed batch with the import as it now stands. */
  onProgress?(imp: UsageImport): void;
  /** Stop (leaving the import running) after this many batches: tests interrupt imports with it. */
  maxBatches?: number;
  /**
   * Asked after each committed batch: a reason to give up (too many rejected rows, say) ends the
   * import `failed` with that reason, resumable like any failed import.
   */
  giveUpWhen?(imp: UsageImport): string | null;
}

/** A file the import cannot read at all (no header, missing columns): the import fails with it. */
class ImportFileError extends Error {}

/** Formats whose first line is a record, not a header. */
const headerless = (imp: UsageImport) => imp.format === 'asterisk' || imp.format === 'freeswitch-csv';

function mapperFor(imp: UsageImport, header: CsvRecord | undefined): RowMapper {
  if (imp.format === 'asterisk') return asteriskRowMapper(imp.options.timezone ?? 'UTC');
  if (imp.format === 'freeswitch-csv') return freeswitchCsvRowMapper(imp.options.timezone ?? 'UTC');
  if (!header?.fields) throw new ImportFileError('a CSV import needs a header row naming its columns');
  const { mapping, errors } = resolveMapping(header.fields, imp.mapping);
  if (errors.length)
    throw new ImportFileError(`the file lacks columns the import needs: ${errors.map((e) => e.message).join('; ')}`);
  return csvRowMapper(header.fields, mapping);
}

/**
 * Reads a file of usage and ingests it batch by batch. Each batch is one transaction that also
 * advances processed_rows, so a crash loses nothing and a resume skips exactly the committed
 * rows (and a re-read row would only be a duplicate). While one batch is being written, the next
 * one is read, validated, rated and encoded: on PostgreSQL the database and Node work at once.
 */
export async function processUsageImport(
  deps: Deps,
  ctx: CallContext,
  start: UsageImport,
  chunks: AsyncIterable<Uint8Array | string>,
  hooks: ImportHooks = {},
): Promise<UsageImport> {
  const run = new ImportRun(deps, ctx, start, await UsageIngestor.open(deps, ctx.tenantId, start.source), hooks);
  await deps.uow.run((s) => s.usage.updateImport(ctx.tenantId, start.id, { status: 'running', error: null }));
  try {
    let going = true;
    if (start.format === 'freeswitch-xml') {
      going = await run.handleRows(await xmlRows(start, chunks));
    } else {
      const reader = new CsvRecordReader();
      for await (const text of decodeChunks(chunks, start.options.encoding)) {
        going = await run.handle(reader.push(text));
        if (!going) break;
      }
      if (going) going = await run.handle(reader.end());
      if (going && !run.sawHeader) throw new ImportFileError('the file is empty');
    }
    if (going) going = await run.flush();
    await run.writing;
    if (run.gaveUp) return finish(deps, ctx, run.imp, 'failed', run.gaveUp);
    if (!going) return run.imp;
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    await finish(deps, ctx, run.imp, 'failed', error.message);
    return { ...run.imp, status: 'failed', error: error.message };
  }
  return finish(deps, ctx, run.imp, 'completed', null);
}

/** An XML CDR file is read whole (each call is a small document); every <cdr> is one row. */
async function xmlRows(imp: UsageImport, chunks: AsyncIterable<Uint8Array | string>): Promise<IncomingRow[]> {
  let text = '';
  for await (const part of decodeChunks(chunks, imp.options.encoding)) text += part;
  try {
    assertNoXmlDeclarations(text);
  } catch (error) {
    throw new ImportFileError(error instanceof Error ? error.message : String(error));
  }
  const cdrs = splitXmlCdrs(text);
  if (!cdrs.length) throw new ImportFileError('the file holds no <cdr> element');
  const timeZone = imp.options.timezone ?? 'UTC';
  return cdrs.map((chunk) => {
    const read = readXmlCdr(chunk);
    if ('cdr' in read) return freeswitchXmlRow(read.position, read.cdr, timeZone);
    const detail = `CDR ${read.position}, ${read.error}`;
    return { position: read.position, original: read.text, raw: null, failure: { code: 'XML_SYNTAX', detail } };
  });
}

/** The state of one pass over an import's file: rows seen, the batch being filled, the write in flight. */
class ImportRun {
  imp: UsageImport;
  writing: Promise<void> = Promise.resolve();
  /** Why the run stopped early on its own (hooks.giveUpWhen), or null. */
  gaveUp: string | null = null;
  #mapper: RowMapper | null;
  #rowNo = 0;
  #batch: IncomingRow[] = [];
  #batches = 0;
  readonly #batchRows: number;

  constructor(
    private readonly deps: Deps,
    private readonly ctx: CallContext,
    private readonly start: UsageImport,
    private readonly ingestor: UsageIngestor,
    private readonly hooks: ImportHooks,
  ) {
    this.imp = { ...start, status: 'running' };
    this.#batchRows = start.options.batchSize ?? DEFAULT_BATCH_ROWS;
    this.#mapper = headerless(start) ? mapperFor(start, undefined) : null;
  }

  get sawHeader(): boolean {
    return this.#mapper !== null;
  }

  /** Takes records as they are read; false once told to stop (hooks.maxBatches). */
  async handle(records: CsvRecord[]): Promise<boolean> {
    for (const record of records) {
      if (this.#mapper === null) {
        this.#mapper = mapperFor(this.imp, record);
        continue;
      }
      if (!(await this.#take(() => this.#mapper!(record)))) return false;
    }
    return true;
  }

  /** Rows read by other means than the CSV reader (XML CDRs). */
  async handleRows(rows: IncomingRow[]): Promise<boolean> {
    for (const row of rows) if (!(await this.#take(() => row))) return false;
    return true;
  }

  async #take(row: () => IncomingRow): Promise<boolean> {
    // Rows committed by an earlier run are skipped: that is what makes an import resumable.
    if (++this.#rowNo <= this.start.processedRows) return true;
    this.#batch.push(row());
    if (this.#batch.length >= this.#batchRows && !(await this.flush())) return false;
    // Let the batch being written make progress on its connection while we parse.
    if (this.#rowNo % 1000 === 0) await yieldToLoop();
    return true;
  }

  /** Starts writing the batch once the previous one is written; false when told to stop here. */
  async flush(): Promise<boolean> {
    if (!this.#batch.length) return true;
    const prepared = this.ingestor.prepare(this.#batch);
    this.#batch = [];
    // Rated and encoded while the previous batch is still being written.
    const resolved = await this.deps.uow.run((session) => this.ingestor.resolve(session, prepared));
    await this.writing;
    this.gaveUp = this.hooks.giveUpWhen?.(this.imp) ?? null;
    if (this.gaveUp) return false;
    if (this.hooks.maxBatches !== undefined && this.#batches >= this.hooks.maxBatches) return false;
    this.#batches++;
    this.writing = this.#write(resolved, this.imp.processedRows);
    this.writing.catch(() => {}); // awaited at the next flush; this only keeps Node from calling it unhandled
    return true;
  }

  async #write(resolved: ResolvedBatch, processedBefore: number): Promise<void> {
    const { tenantId } = this.ctx;
    const id = this.imp.id;
    const progress = await this.deps.uow.run(async (session) => {
      const result = await this.ingestor.store(session, resolved, id);
      await storeRejections(session, tenantId, id, result.rejected);
      const counts = progressOf(result, processedBefore);
      const advanced = await session.usage.advanceImport(tenantId, id, processedBefore, counts);
      // Another worker took the import over (a resume while this one still ran): leave it to them.
      if (!advanced) throw conflict('IMPORT_TAKEN_OVER', `import ${id} is being processed elsewhere`);
      return counts;
    });
    this.imp = addProgress(this.imp, progress);
    this.hooks.onProgress?.(this.imp);
  }
}

function progressOf(result: BatchOutcome, processedBefore: number): ImportProgress {
  const ignoredReasons: Record<string, number> = {};
  for (const row of result.ignored) ignoredReasons[row.reason] = (ignoredReasons[row.reason] ?? 0) + 1;
  return {
    processedRows: processedBefore + result.rows,
    accepted: result.accepted,
    duplicates: result.duplicates,
    rejected: result.rejected.length,
    skipped: result.skipped,
    outboundExternal: result.outboundExternal,
    outboundInternal: result.outboundInternal,
    inbound: result.inbound,
    ignored: result.ignored.length,
    ignoredReasons,
  };
}

function addProgress(imp: UsageImport, p: ImportProgress): UsageImport {
  const ignoredReasons = { ...imp.ignoredReasons };
  for (const [reason, n] of Object.entries(p.ignoredReasons))
    ignoredReasons[reason] = (ignoredReasons[reason] ?? 0) + n;
  return {
    ...imp,
    processedRows: p.processedRows,
    accepted: imp.accepted + p.accepted,
    duplicates: imp.duplicates + p.duplicates,
    rejected: imp.rejected + p.rejected,
    skipped: imp.skipped + p.skipped,
    outboundExternal: imp.outboundExternal + p.outboundExternal,
    outboundInternal: imp.outboundInternal + p.outboundInternal,
    inbound: imp.inbound + p.inbound,
    ignored: imp.ignored + p.ignored,
    ignoredReasons,
  };
}

async function finish(
  deps: Deps,
  ctx: CallContext,
  imp: UsageImport,
  status: 'completed' | 'failed',
  error: string | null,
): Promise<UsageImport> {
  const finishedAt = deps.clock.now().toString();
  const done: UsageImport = {
    ...imp,
    status,
    error,
    finishedAt,
    totalRows: status === 'completed' ? imp.processedRows : imp.totalRows,
  };
  await deps.uow.run(async (session) => {
    // The file is no longer needed: rejected rows are kept one by one in usage_rejections.
    await session.usage.updateImport(ctx.tenantId, imp.id, {
      status,
      error,
      finishedAt,
      totalRows: done.totalRows,
      clearContent: true,
    });
    await recordChange(session, ctx, deps.clock, {
      objectType: 'usage_import',
      objectId: imp.id,
      action: status,
      before: { status: imp.status },
      after: done,
    });
  });
  return done;
}
