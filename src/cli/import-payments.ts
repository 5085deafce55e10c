import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { openRuntime, type GlobalOptions } from './runtime.ts';
import { progress } from './output.ts';
import { unreadable } from '../app/errors.ts';
import type { CallContext } from '../app/context.ts';
import { pickTenant } from '../app/usage/file-import.ts';
import { importPayments } from '../app/payments/import-payments.ts';

export interface ImportPaymentsOptions extends GlobalOptions {
  format: string;
  mapping?: string;
  source?: string;
  tenant?: string;
  json?: boolean;
}

/**
 * `tollbook import-payments FILE --format csv|camt053`: one transaction, so a crash leaves nothing
 * behind and the same command is simply run again (already stored references count as duplicates).
 */
export async function importPaymentsCommand(file: string, opts: ImportPaymentsOptions) {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw unreadable('FILE_NOT_FOUND', `${file} is not a readable file`);
  const text = await readFile(file, 'utf8');
  const runtime = await openRuntime(opts);
  try {
    const ctx: CallContext = {
      tenantId: await pickTenant(runtime.deps, opts.tenant),
      actor: { type: 'system', id: 'cli' },
      role: 'admin',
    };
    progress(`importing ${file} (${opts.format})`);
    let lastPrint = 0;
    const report = await importPayments(
      runtime.deps,
      ctx,
      { format: opts.format, mapping: opts.mapping, source: opts.source, fileName: basename(file) },
      text,
      (done, total) => {
        const now = performance.now();
        if (done < total && now - lastPrint < 1000) return;
        lastPrint = now;
        progress(`${done} of ${total} rows (${total ? Math.floor((done / total) * 100) : 100}%)`);
      },
    );
    if (opts.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      process.stdout.write(
        `import ${report.importId} (source ${report.source}): ${report.accepted} payments accepted (${report.unmatched} unmatched), ${report.duplicates} duplicates, ${report.skipped} skipped, ${report.rejected.length} rejected\n`,
      );
      for (const r of report.rejected) process.stdout.write(`  row ${r.row}: ${r.code} ${r.field}: ${r.detail}\n`);
    }
  } finally {
    await runtime.close();
  }
}
