import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { UsageImport } from '../ports/usage.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import { AppError, conflict, notFound, refused } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { textChunks } from './decode-text.ts';
import { processUsageImport, type ImportHooks } from './process-usage-import.ts';
import { USAGE_IMPORT_QUEUE } from './start-usage-import.ts';
import { withLiveStatus } from './import-owner.ts';

const jobContext = (tenantId: string): CallContext => ({
  tenantId,
  actor: { type: 'system', id: 'usage-import' },
  role: 'admin',
});

/**
 * Processes (or continues) an uploaded import: the job behind POST /usage-imports. It starts
 * from processed_rows, so running it again after a crash or a failure resumes the import.
 */
export async function runUsageImport(
  deps: Deps,
  tenantId: string,
  importId: string,
  hooks: ImportHooks = {},
): Promise<UsageImport | null> {
  const ctx = jobContext(tenantId);
  const imp = await deps.uow.run((s) => s.usage.getImport(tenantId, importId));
  if (!imp || imp.status === 'completed') return imp;
  const content = await deps.uow.run((s) => s.usage.importContent(tenantId, importId));
  if (content === null) {
    // A file import started by the CLI streams from disk; there is nothing here to read.
    if (imp.status !== 'failed')
      await deps.uow.run((s) =>
        s.usage.updateImport(tenantId, importId, { status: 'failed', error: 'the uploaded file is not stored' }),
      );
    return imp;
  }
  try {
    return await processUsageImport(deps, ctx, imp, textChunks(content), hooks);
  } catch (error) {
    if (error instanceof AppError && error.code === 'IMPORT_TAKEN_OVER') return null;
    // Marked failed with the file kept, then re-thrown so that the queue retries: a retry resumes.
    const message = error instanceof Error ? error.message : String(error);
    await deps.uow.run((s) => s.usage.updateImport(tenantId, importId, { status: 'failed', error: message }));
    throw error;
  }
}

/** The queue handler, registered in main.ts. */
export function usageImportJob(deps: Deps) {
  return async (data: Record<string, unknown>): Promise<void> => {
    if (typeof data.tenantId !== 'string' || typeof data.importId !== 'string') return;
    await runUsageImport(deps, data.tenantId, data.importId);
  };
}

/** Queues an interrupted or failed upload again; it continues from its processed rows. */
export async function resumeUsageImport(deps: Deps, ctx: CallContext, id: string): Promise<UsageImport> {
  return deps.uow.run(async (session) => {
    const imp = await session.usage.getImport(ctx.tenantId, id, { forUpdate: true });
    if (!imp) throw notFound('Usage import', id);
    if (imp.status === 'completed') throw conflict('IMPORT_COMPLETED', `import ${id} is already complete`);
    if (imp.options.origin === 'cli') {
      throw refused(
        'IMPORT_RESUME_WITH_CLI',
        `import ${id} streams a file from disk; resume it with: tollbook import-usage FILE --resume ${id}`,
      );
    }
    if (!(await session.usage.importHasContent(ctx.tenantId, id))) {
      throw refused(
        'IMPORT_FILE_UNREADABLE',
        `import ${id} failed on its file (${imp.error ?? 'unreadable'}); upload a corrected file`,
      );
    }
    await session.usage.updateImport(ctx.tenantId, id, { status: 'queued', error: null });
    await session.jobs.enqueue(USAGE_IMPORT_QUEUE, { tenantId: ctx.tenantId, importId: id });
    const after = { ...imp, status: 'queued' as const, error: null };
    await recordChange(session, ctx, deps.clock, {
      objectType: 'usage_import',
      objectId: id,
      action: 'resumed',
      before: imp,
      after,
    });
    return after;
  });
}

export async function listUsageImports(deps: Deps, ctx: CallContext, page: PageRequest): Promise<Page<UsageImport>> {
  const found = await deps.uow.run((s) => s.usage.listImports(ctx.tenantId, page));
  return { ...found, data: found.data.map((imp) => withLiveStatus(deps, imp)) };
}

export async function getUsageImport(deps: Deps, ctx: CallContext, id: string): Promise<UsageImport> {
  const imp = await deps.uow.run((s) => s.usage.getImport(ctx.tenantId, id));
  if (!imp) throw notFound('Usage import', id);
  return withLiveStatus(deps, imp);
}
