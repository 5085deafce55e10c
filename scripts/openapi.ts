// Writes the OpenAPI document to a file without a database or a listening server: the routes are
// registered in-process and nothing is called, so any use of the services is a defect and throws.
// Usage: npx tsx scripts/openapi.ts [out.json]   (default .ci/out/openapi.json)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildHttpApp } from '../src/http/app.ts';
import type { HttpServices } from '../src/http/services.ts';
import { version } from '../src/main.ts';

const unused = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`the OpenAPI document is built without services; something read ${String(property)}`);
    },
  },
);

const out = process.argv[2] ?? '.ci/out/openapi.json';
const services = { deps: unused, renderer: unused, ping: async () => {}, version } as unknown as HttpServices;
const app = await buildHttpApp(services, { logger: false });
await app.ready();
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
process.stderr.write(`OpenAPI document written to ${out}\n`);
