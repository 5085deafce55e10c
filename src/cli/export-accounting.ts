import { writeFile } from 'node:fs/promises';
import { openRuntime, type GlobalOptions } from './runtime.ts';
import { progress } from './output.ts';
import type { CallContext } from '../app/context.ts';
import { accountingBatch } from '../app/exports/accounting.ts';
import { pickTenant } from '../app/usage/file-import.ts';

export interface ExportAccountingOptions extends GlobalOptions {
  from: string;
  to: string;
  format: string;
  out: string;
  tenant?: string;
}

/**
 * `tollbook export-accounting`: the same file as GET /exports/accounting, written to --out. The
 * period, the format and the tenant are checked before anything is read; progress goes to stderr.
 */
export async function exportAccountingCommand(opts: ExportAccountingOptions): Promise<void> {
  const runtime = await openRuntime(opts);
  try {
    const ctx: CallContext = {
      tenantId: await pickTenant(runtime.deps, opts.tenant),
      actor: { type: 'system', id: 'cli' },
      role: 'viewer',
    };
    const started = performance.now();
    let last = 0;
    const { format, batch } = await accountingBatch(
      runtime.deps,
      ctx,
      { from: opts.from, to: opts.to, format: opts.format },
      undefined,
      (step) => {
        const now = performance.now();
        if (step.payments === undefined && now - last < 1000) return;
        last = now;
        progress(
          step.payments === undefined
            ? `read ${step.documents} documents…`
            : `read ${step.documents} documents and ${step.payments} payments`,
        );
      },
    );
    const text = runtime.outputs.accounting(format, batch, runtime.deps.clock.now().toString().slice(0, 19));
    await writeFile(opts.out, text);
    progress(
      `wrote ${opts.out}: ${format}, ${batch.documents.length} documents and ${batch.payments.length} payments ` +
        `issued or received ${batch.from}…${batch.to}, ${Buffer.byteLength(text)} bytes in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await runtime.close();
  }
}
