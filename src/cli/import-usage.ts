import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { openRuntime, type GlobalOptions } from './runtime.ts';
import { progress, reportCliError } from './output.ts';
import { outcomeError, printSummary, type ImportSummary } from './import-summary.ts';
import { unreadable } from '../app/errors.ts';
import type { CallContext } from '../app/context.ts';
import type { UsageImport } from '../app/ports/usage.ts';
import { createFileImport, pickTenant, reopenFileImport } from '../app/usage/file-import.ts';
import { processUsageImport } from '../app/usage/process-usage-import.ts';
import { listRejections, rejectionSummary } from '../app/usage/reprocess-rejections.ts';
import { startHeartbeat } from '../app/usage/import-owner.ts';

export interface ImportUsageOptions extends GlobalOptions {
  format: string;
  source?: string;
  timezone?: string;
  mapping?: string;
  encoding?: string;
  tenant?: string;
  resume?: string;
  batchSize?: string;
  maxRejected?: string;
  json?: boolean;
}

function integerOption(value: string | undefined, name: string, code: string, min: number, max: number) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw unreadable(code, `${name} must be an integer from ${min} to ${max}`);
  return n;
}

/**
 * One pass over the raw bytes: the line count (progress as a percentage) and the file's SHA-256,
 * which a resume checks so that it never continues an import with another file.
 */
async function scanFile(path: string): Promise<{ lines: number; sha256: string }> {
  let lines = 0;
  let last = 10;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    if (chunk.length) last = chunk[chunk.length - 1];
  }
  return { lines: last === 10 ? lines : lines + 1, sha256: hash.digest('hex') };
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
  if (!info?.isFile()) throw unreadable('FILE_NOT_FOUND', `${file} is not a readable file`);
  const batchSize = integerOption(opts.batchSize, '--batch-size', 'INVALID_BATCH_SIZE', 1, 100_000);
  const maxRejected = integerOption(
    opts.maxRejected,
    '--max-rejected',
    'INVALID_MAX_REJECTED',
    0,
    Number.MAX_SAFE_INTEGER,
  );
  const scan = await scanFile(file);
  const runtime = await openRuntime(opts);
  try {
    const ctx: CallContext = {
      tenantId: await pickTenant(runtime.deps, opts.tenant),
      actor: { type: 'system', id: 'cli' },
      role: 'admin',
    };
    const started = performance.now();
    const imp = opts.resume
      ? await reopenFileImport(runtime.deps, ctx, opts.resume, { size: info.size, sha256: scan.sha256 })
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
            totalRows: opts.format === 'freeswitch-xml' ? await countCdrs(file) : scan.lines,
            head: await head(file),
            sha256: scan.sha256,
          },
        );
    progress(
      `${opts.resume ? 'resuming' : 'importing'} ${file} as import ${imp.id} (${imp.format}, source ${imp.source}${imp.processedRows ? `, from row ${imp.processedRows + 1}` : ''})`,
    );
    const stopHeartbeat = startHeartbeat(runtime.deps, ctx, imp.id);
    let done: UsageImport;
    try {
      done = await processUsageImport(runtime.deps, ctx, imp, createReadStream(file, { highWaterMark: 1 << 20 }), {
        onProgress: progressPrinter(started),
        giveUpWhen: (now) =>
          maxRejected !== undefined && now.rejected > maxRejected
            ? `stopped after ${now.rejected} rejected rows (--max-rejected ${maxRejected})`
            : null,
      });
    } finally {
      stopHeartbeat();
    }
    const summary: ImportSummary = {
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
      seconds: Math.round(((performance.now() - started) / 1000) * 100) / 100,
      rejectionsByCode: await rejectionSummary(runtime.deps, ctx, done.id),
      rejections: (await listRejections(runtime.deps, ctx, { importId: done.id }, { limit: 100 })).data.map((r) => ({
        line: r.line,
        code: r.code,
        detail: r.detail,
      })),
    };
    if (opts.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else printSummary(summary);
    const refusal = outcomeError(summary, maxRejected);
    if (refusal) reportCliError(refusal);
    else if (done.status !== 'completed') process.exitCode = 1;
  } finally {
    await runtime.close();
  }
}
