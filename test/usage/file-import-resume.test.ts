import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { createFileImport, reopenFileImport } from '../../src/app/usage/file-import.ts';
import { getUsageImport } from '../../src/app/usage/run-usage-import.ts';
import { currentOwner } from '../../src/app/usage/import-owner.ts';
import type { CallContext } from '../../src/app/context.ts';

const head = new TextEncoder().encode('externalId,accountCode,startedAt,durationSeconds,caller,callee\n');
const file = { name: 'cdr.csv', size: 1000, totalRows: 10, head, sha256: 'a'.repeat(64) };

describe('Resuming a file import: the same file, and only once its reader is gone', () => {
  let env: TestEnv;
  let ctx: CallContext;
  beforeAll(async () => {
    env = await startTestEnv();
    const { tenantId } = await env.newTenant();
    ctx = { tenantId, actor: { type: 'system', id: 'test' }, role: 'admin' };
  });
  afterAll(() => env.close());

  it('refuses another file, refuses while the reading process lives, and takes over once it is gone', async () => {
    const deps = env.runtime.deps;
    const imp = await createFileImport(deps, ctx, { format: 'csv', source: 'resume' }, file);
    expect((await getUsageImport(deps, ctx, imp.id)).status).toBe('running');

    const reopen = (f: { size: number; sha256: string }) => reopenFileImport(deps, ctx, imp.id, f).catch((e) => e);
    expect(await reopen({ size: 999, sha256: file.sha256 })).toMatchObject({ code: 'IMPORT_FILE_CHANGED' });
    expect(await reopen({ size: 1000, sha256: 'b'.repeat(64) })).toMatchObject({
      code: 'IMPORT_FILE_CHANGED',
      kind: 'rule',
    });
    // This very process is the recorded reader, and it is alive.
    expect(await reopen({ size: 1000, sha256: file.sha256 })).toMatchObject({
      code: 'IMPORT_RUNNING',
      kind: 'conflict',
    });

    // The reader as if it ran before the machine last booted: gone for sure.
    const gone = { ...currentOwner(deps), bootId: 'an-earlier-boot' };
    await deps.uow.run((s) => s.usage.setImportOwner(ctx.tenantId, imp.id, gone));
    expect((await getUsageImport(deps, ctx, imp.id)).status).toBe('interrupted');
    const claimed = await reopen({ size: 1000, sha256: file.sha256 });
    expect(claimed.options.owner.pid).toBe(process.pid);
    expect((await getUsageImport(deps, ctx, imp.id)).status).toBe('running');
  });
});
