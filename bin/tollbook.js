#!/usr/bin/env node
// Runs the CLI from the bundle that `scripts/setup.sh` builds (node_modules/.cache/tollbook/cli.mjs)
// while it is newer than every file under src/, so a process starts in about a third of the time;
// otherwise, or with TOLLBOOK_NO_BUNDLE=1, it runs the TypeScript sources directly through tsx, so
// that an edited checkout needs no build step and never runs stale code.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}node_modules/.cache/tollbook/cli.mjs`;

/** The newest modification time of a directory tree (directories count: a deleted file touches its parent). */
function newest(dir) {
  let latest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function bundleIsCurrent() {
  if (process.env.TOLLBOOK_NO_BUNDLE === '1') return false;
  try {
    return statSync(bundle).mtimeMs > newest(`${root}src`);
  } catch {
    return false;
  }
}

if (bundleIsCurrent()) {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
