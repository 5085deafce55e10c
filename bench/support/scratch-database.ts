import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Runs one statement on the server (outside any bench database): create and drop. */
async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A PostgreSQL database of its own for one bench run, so that runs never see each other's rows:
 * `url` points at it; `drop` removes it at the end. With `create: false` only the name is chosen
 * (a bench that may run on PGlite instead).
 */
export async function scratchDatabase(serverUrl: string, { create = true } = {}) {
  const name = `tollbook_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (create) await onServer(serverUrl, `create database ${name}`);
  return {
    name,
    url: url.toString(),
    drop: () => (create ? onServer(serverUrl, `drop database if exists ${name} with (force)`) : Promise.resolve()),
  };
}
