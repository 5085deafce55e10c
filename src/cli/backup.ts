import { resolve } from 'node:path';
import { backupEmbedded, restoreEmbedded } from '../main.ts';
import { refused } from '../app/errors.ts';
import { progress } from './output.ts';
import type { GlobalOptions } from './runtime.ts';

function embeddedOnly(command: string) {
  if (process.env.DATABASE_URL)
    throw refused(
      'USE_PG_DUMP',
      `${command} works on the embedded database; on PostgreSQL use pg_dump and pg_restore (docs/operations.md)`,
    );
}

const dataDirOf = (opts: GlobalOptions) => resolve(opts.dataDir ?? './data');

/** `tollbook backup FILE`: a consistent copy of the embedded database, taken with the server stopped. */
export async function backupCommand(file: string, opts: GlobalOptions & { json?: boolean }) {
  embeddedOnly('backup');
  const bytes = await backupEmbedded(dataDirOf(opts), file);
  if (opts.json) process.stdout.write(`${JSON.stringify({ file: resolve(file), bytes })}\n`);
  else progress(`backup of ${dataDirOf(opts)} written to ${file} (${bytes.toLocaleString('en-US')} bytes)`);
}

/** `tollbook restore FILE [--force]`: the embedded database as it was when the backup was taken. */
export async function restoreCommand(file: string, opts: GlobalOptions & { force?: boolean }) {
  embeddedOnly('restore');
  const { movedAside } = await restoreEmbedded(file, dataDirOf(opts), opts.force === true);
  if (movedAside) progress(`the database that was there is kept in ${movedAside}`);
  progress(`restored ${file} into ${dataDirOf(opts)}`);
}
