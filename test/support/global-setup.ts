import { writeFileSync, mkdirSync } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { pino } from 'pino';
import { startRuntime } from '../../src/main.ts';

export const templateDump = '.ci/out/pglite-template.tar.gz';

const logger = pino({ level: 'silent' });

/**
 * Prepares one database template for the whole run: a PGlite dump on the embedded database, a
 * template database on PostgreSQL. It is made by starting the application once, so it holds the
 * migrations and every job queue the application registers (each a table of its own). Each test
 * file then starts from a clone of it, so files never see each other's jobs or rows and no file
 * pays for that schema setup again.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `tollbook_tpl_${process.pid}_${Date.now()}`;
    await adminQuery(url, `create database ${name}`);
    const runtime = await startRuntime({ databaseUrl: withDatabase(url, name), logger });
    await runtime.close();
    project.provide('pgTemplate', name);
    return async () => {
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    };
  }
  const runtime = await startRuntime({ dataDir: 'memory://', logger });
  const dump = await runtime.database.pglite!.dumpDataDir('gzip');
  mkdirSync('.ci/out', { recursive: true });
  writeFileSync(templateDump, Buffer.from(await dump.arrayBuffer()));
  await runtime.close();
  project.provide('pgTemplate', '');
  return undefined;
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
