import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { openRuntime, type GlobalOptions } from './runtime.ts';
import { progress } from './output.ts';
import { AppError } from '../app/errors.ts';
import type { CallContext } from '../app/context.ts';
import type { UsageImport } from '../app/ports/usage.ts';
import { createFileImport, pickTenant, reopenFileImport } from '../app/usage/file-import.ts';
import { processUsageImport } from '../app/usage/process-usage-import.ts';
import { listRejections } from '../app/usage/reprocess-rejections.ts';

export interface ImportUsageOptions extends GlobalOptions {
  format: string;
  source?: string;
  timezone?: string;
  mapping?: string;
  encoding?: string;
  tenant?: string;
  resume?: string;
  batchSize?: string;
  json?: boolean;
}

/** Lines in the file, counted on the raw bytes: a quick pass that makes progress a percentage. */
async function countLines(path: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    if (chunk.length) last = chunk[chunk.length - 1];
  }
  return last === 10 ? lines : lines + 1;
}

/** XML CDR files: a row is a <cdr> element, counted on the raw bytes (the tag may straddle chunks). */
async function countCdrs(path: string): Promise<number> {
  let count = 0;
  let carry = '';
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const text = carry + chunk.toString('latin1');
    count += text.match(/<cdr[\s>/]/g)?.length ?? 0;
    carry = text.slice(-4);
  }
  return count;
}

async function head(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function progressPrinter(started: number) {
  let lastPrint = 0;
  return (imp: UsageImport) => {
    const now = performance.now();
    if (now - lastPrint < 1000) return;
    lastPrint = now;
    const rate = Math.round(imp.processedRows / ((now - started) / 1000));
    const pct = imp.totalRows ? ` (${Math.min(100, Math.floor((imp.processedRows / imp.totalRows) * 100))}%)` : '';
    progress(
      `${imp.processedRows.toLocaleString('en-US')} of ${imp.totalRows.toLocaleString('en-US')} rows${pct}: ${imp.accepted} accepted, ${imp.duplicates} duplicates, ${imp.rejected} rejected, ${imp.skipped} skipped — ${rate.toLocaleString('en-US')} rows/s`,
    );
  };
}

/** `tollbook import-usage FILE --format csv|asterisk|freeswitch-csv|freeswitch-xml`: streams the file, batch by batch, resumable. */
export async function importUsageCommand(file: string, opts: ImportUsageOptions) {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new AppError('validation', 'FILE_NOT_FOUND', `${file} is not a readable file`);
  const batchSize = opts.batchSize === undefined ? undefined : Number(opts.batchSize);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)) {
    throw new AppError('validation', 'INVALID_BATCH_SIZE', '--batch-size must be an integer from 1 to 100000');
  }
  const runtime = await openRuntime(opts);
  try {
    const ctx: CallContext = {
      tenantId: await pickTenant(runtime.deps, opts.tenant),
      actor: { type: 'system', id: 'cli' },
      role: 'admin',
    };
    const started = performance.now();
    const imp = opts.resume
      ? await reopenFileImport(runtime.deps, ctx, opts.resume, { size: info.size })
      : await createFileImport(
          runtime.deps,
          ctx,
          {
            format: opts.format,
            source: opts.source,
            timezone: opts.timezone,
            mapping: opts.mapping,
            encoding: opts.encoding,
            batchSize,
          },
          {
            name: basename(file),
            size: info.size,
            totalRows: opts.format === 'freeswitch-xml' ? await countCdrs(file) : await countLines(file),
            head: await head(file),
          },
        );
    progress(
      `${opts.resume ? 'resuming' : 'importing'} ${file} as import ${imp.id} (${imp.format}, source ${imp.source}${imp.processedRows ? `, from row ${imp.processedRows + 1}` : ''})`,
    );
    const done = await processUsageImport(runtime.deps, ctx, imp, createReadStream(file, { highWaterMark: 1 << 20 }), {
      onProgress: progressPrinter(started),
    });
    const seconds = (performance.now() - started) / 1000;
    const rejections = (await listRejections(runtime.deps, ctx, { importId: done.id }, { limit: 100 })).data.map(
      (r) => ({ line: r.line, code: r.code, detail: r.detail }),
    );
    const summary = {
      importId: done.id,
      status: done.status,
      totalRows: done.totalRows,
      processedRows: done.processedRows,
      accepted: done.accepted,
      duplicates: done.duplicates,
      rejected: done.rejected,
      skipped: done.skipped,
      classes: {
        outboundExternal: done.outboundExternal,
        outboundInternal: done.outboundInternal,
        inbound: done.inbound,
        ignored: done.ignored,
        skippedUnanswered: done.skipped,
      },
      ignoredReasons: done.ignoredReasons,
      error: done.error,
      seconds: Math.round(seconds * 100) / 100,
      rejections,
    };
    if (opts.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      process.stdout.write(
        `import ${done.id} ${done.status}: ${done.processedRows} rows in ${summary.seconds} s — ${done.accepted} accepted, ${done.duplicates} duplicates, ${done.rejected} rejected, ${done.skipped} skipped\n`,
      );
      process.stdout.write(
        `classes: ${done.outboundExternal} outbound external, ${done.outboundInternal} outbound internal, ${done.inbound} inbound, ${done.ignored} ignored, ${done.skipped} skipped unanswered\n`,
      );
      for (const [reason, n] of Object.entries(done.ignoredReasons))
        process.stdout.write(`  ignored ${n}: ${reason}\n`);
      if (done.error) process.stdout.write(`error: ${done.error}\n`);
      for (const r of rejections.slice(0, 20)) process.stdout.write(`  line ${r.line}: ${r.code} ${r.detail}\n`);
      if (done.rejected > 20)
        process.stdout.write(`  … all rejected rows: GET /api/v1/usage-imports/${done.id}/rejections\n`);
    }
    if (done.status !== 'completed') process.exitCode = 1;
  } finally {
    await runtime.close();
  }
}
