// Bundles the CLI's TypeScript sources into one ES module (node_modules/.cache/tollbook/cli.mjs) so
// that a process starts without compiling several hundred files through tsx each time: the kill-point
// harness, the browser tests and the operator's cron jobs all start many of them. Packages stay
// external (resolved from node_modules as usual). Each file keeps its own `import.meta.url`, because
// migrations, templates and the web app are found beside the source file that reads them.
// bin/tollbook.js uses the bundle only while it is newer than every file under src/.
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundlePath = join(root, 'node_modules/.cache/tollbook/cli.mjs');

/** Replaces `import.meta.url` in each source file with that file's own URL. */
const ownFileUrl = {
  name: 'own-file-url',
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

mkdirSync(dirname(bundlePath), { recursive: true });
await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: bundlePath,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [ownFileUrl],
});
