import { writeFileSync, mkdirSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, migrateDatabase } from '../../src/db/connection.ts';
import { JobQueue } from '../../src/jobs/queue.ts';
import { pino } from 'pino';

export const templateDump = '.ci/out/pglite-template.tar.gz';

/**
 * Prepares one migrated database template for the whole run: a PGlite dump on the embedded
 * database, a template database on PostgreSQL. Each test file then starts from a clone of it,
 * so files never see each other's jobs or rows and no file pays for migrations again.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `tollbook_tpl_${process.pid}_${Date.now()}`;
    await adminQuery(url, `create database ${name}`);
    const database = await openDatabase({ url: withDatabase(url, name), poolSize: 2 });
    await prepare(database);
    project.provide('pgTemplate', name);
    return async () => {
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    };
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  await prepare(database);
  const dump = await database.pglite!.dumpDataDir('gzip');
  mkdirSync('.ci/out', { recursive: true });
  writeFileSync(templateDump, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgTemplate', '');
  return undefined;
}

async function prepare(database: Awaited<ReturnType<typeof openDatabase>>) {
  await migrateDatabase(database);
  const queue = await JobQueue.start(database.executor, pino({ level: 'silent' }));
  await queue.stop();
  if (database.kind === 'postgres') await database.close();
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}
