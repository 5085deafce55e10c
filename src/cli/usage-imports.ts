import { openRuntime, type GlobalOptions } from './runtime.ts';
import { pickTenant } from '../app/usage/file-import.ts';
import { listUsageImports } from '../app/usage/run-usage-import.ts';
import { unreadable } from '../app/errors.ts';
import type { CallContext } from '../app/context.ts';

/**
 * `tollbook usage-imports`: the tenant's latest imports with their status as every reader sees it
 * (a CLI import whose process is gone is `interrupted`, and names the command that resumes it).
 */
export async function usageImportsCommand(opts: GlobalOptions & { tenant?: string; limit: string; json?: boolean }) {
  const limit = Number(opts.limit);
  if (!/^\d+$/.test(opts.limit) || limit < 1 || limit > 500)
    throw unreadable('INVALID_LIMIT', '--limit must be an integer from 1 to 500');
  const runtime = await openRuntime(opts);
  try {
    const ctx: CallContext = {
      tenantId: await pickTenant(runtime.deps, opts.tenant),
      actor: { type: 'system', id: 'cli' },
      role: 'viewer',
    };
    const { data } = await listUsageImports(runtime.deps, ctx, { limit });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(data.map(({ options: _o, tenantId: _t, ...imp }) => imp))}\n`);
      return;
    }
    for (const imp of data) {
      process.stdout.write(
        `${imp.id}  ${imp.status.padEnd(11)}  ${imp.format}  ${imp.fileName ?? '-'}  ${imp.processedRows}/${imp.totalRows} rows, ${imp.accepted} accepted, ${imp.rejected} rejected  ${imp.createdAt}\n`,
      );
      if (imp.status === 'interrupted')
        process.stdout.write(`  resume: tollbook import-usage FILE --format ${imp.format} --resume ${imp.id}\n`);
    }
  } finally {
    await runtime.close();
  }
}
