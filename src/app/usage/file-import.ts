import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { UsageImport } from '../ports/usage.ts';
import { conflict, notFound, refused, unreadable } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { checkImportRequest, checkRulesFit, mappingForHeader, type ImportRequest } from './start-usage-import.ts';
import { assertNoXmlDeclarations } from './freeswitch-xml.ts';
import { decodeAll } from './decode-text.ts';
import { currentOwner, ownerGone } from './import-owner.ts';

// Imports that stream a file from disk (the `tollbook import-usage` command): the file is never
// copied into the database, so the import row records its name and size, and a resume streams
// the same file again from its processed rows.

export interface LocalFile {
  name: string;
  size: number;
  /** Rows by line count (without the header), for progress. */
  totalRows: number;
  /** The first bytes of the file, to check the header before anything is written. */
  head: Uint8Array;
  /** SHA-256 (hex) of the whole file: a resume must read the very same bytes (the CLI always gives it). */
  sha256?: string;
}

export async function createFileImport(
  deps: Deps,
  ctx: CallContext,
  req: ImportRequest,
  file: LocalFile,
): Promise<UsageImport> {
  const checked = await checkImportRequest(deps, ctx, req);
  const headText = decodeAll(file.head, checked.options.encoding);
  const firstLine = headText.slice(0, headText.indexOf('\n') < 0 ? headText.length : headText.indexOf('\n'));
  if (!headText.trim()) throw unreadable('EMPTY_FILE', `${file.name} has no rows`);
  const mapping = mappingForHeader(checked, firstLine);
  // Declarations come before the first element, so the head shows them; processing checks the rest.
  if (checked.format === 'freeswitch-xml') assertNoXmlDeclarations(headText);
  await checkRulesFit(deps, ctx, checked, mapping);
  return deps.uow.run(async (session) => {
    const imp = await session.usage.insertImport(
      {
        id: newId('uimp'),
        tenantId: ctx.tenantId,
        source: checked.source,
        format: checked.format,
        fileName: file.name.slice(-255),
        status: 'running',
        mapping: mapping as Record<string, string> | null,
        options: {
          ...checked.options,
          origin: 'cli',
          fileSize: file.size,
          fileSha256: file.sha256,
          owner: currentOwner(deps),
        },
        totalRows: Math.max(0, file.totalRows - (checked.format === 'csv' ? 1 : 0)),
      },
      null,
    );
    await recordChange(session, ctx, deps.clock, {
      objectType: 'usage_import',
      objectId: imp.id,
      action: 'created',
      after: imp,
    });
    return imp;
  });
}

/**
 * The import to continue with `--resume`, claimed for this process: not finished, streamed from
 * the very same file (size and SHA-256), and not still being streamed by a live process.
 */
export async function reopenFileImport(
  deps: Deps,
  ctx: CallContext,
  id: string,
  file: { size: number; sha256: string },
): Promise<UsageImport> {
  return deps.uow.run(async (session) => {
    const imp = await session.usage.getImport(ctx.tenantId, id, { forUpdate: true });
    if (!imp) throw notFound('Usage import', id);
    if (imp.status === 'completed') throw conflict('IMPORT_COMPLETED', `import ${id} is already complete`);
    if (imp.options.origin !== 'cli')
      throw refused(
        'IMPORT_NOT_FROM_FILE',
        `import ${id} was uploaded; resume it with POST /api/v1/usage-imports/${id}/resume`,
      );
    checkSameFile(imp, file);
    const owner = imp.options.owner;
    if (imp.status === 'running' && owner && !ownerGone(deps, owner))
      throw conflict(
        'IMPORT_RUNNING',
        `import ${id} is still being read by process ${owner.pid} on ${owner.host}; stop it first, or wait`,
      );
    const claimed = currentOwner(deps);
    await session.usage.setImportOwner(ctx.tenantId, id, claimed);
    return { ...imp, options: { ...imp.options, owner: claimed } };
  });
}

function checkSameFile(imp: UsageImport, file: { size: number; sha256: string }) {
  const { fileSize, fileSha256 } = imp.options;
  const differs =
    fileSize !== undefined && fileSize !== file.size
      ? `it read a file of ${fileSize} bytes; this one has ${file.size}`
      : fileSha256 !== undefined && fileSha256 !== file.sha256
        ? `the file's content differs from the one it read (SHA-256 ${fileSha256.slice(0, 12)}…, this one ${file.sha256.slice(0, 12)}…)`
        : null;
  if (differs)
    throw refused(
      'IMPORT_FILE_CHANGED',
      `import ${imp.id} cannot continue with this file: ${differs}. Resume with the original file, or start a new import (rows already imported count as duplicates).`,
    );
}

/** The tenant a command works on: the one named, or the only one there is. */
export async function pickTenant(deps: Deps, tenantId: string | undefined): Promise<string> {
  if (tenantId) {
    const tenant = await deps.uow.run((s) => s.tenancy.getTenant(tenantId));
    if (!tenant) throw notFound('Tenant', tenantId);
    return tenant.id;
  }
  const ids = await deps.uow.run((s) => s.usage.tenantIds(2));
  if (ids.length === 0)
    throw refused('NO_TENANT', 'the database has no tenant yet; create one with: tollbook tenant create');
  if (ids.length > 1)
    throw unreadable('TENANT_REQUIRED', 'the database has several tenants; name one with --tenant <id>');
  return ids[0];
}
