import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { HttpServices } from '../services.ts';

/** The built web app (web/dist, made by `npm --prefix web run build`); TOLLBOOK_WEB_DIR overrides it. */
export function webAppDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return process.env.TOLLBOOK_WEB_DIR ?? resolve(here, '../../../web/dist');
}

// The app's page may load only its own scripts and talk only to this server: no third-party
// requests (no telemetry, no fonts from elsewhere). MUI writes its styles inline.
const pageHeaders = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

// Without a built web app, a plain landing page, so that the URL `serve` prints shows something.
const landing = (version: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tollbook</title>
<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1b2733}
code{background:#eef2f6;padding:.1rem .3rem;border-radius:3px}a{color:#0b5394}</style></head>
<body><h1>Tollbook ${version}</h1>
<p>Invoicing engine for telecom, VoIP and ISP operators.</p>
<p>The web app is not built here: run <code>bash scripts/setup.sh</code> (or <code>npm --prefix web ci &amp;&amp; npm --prefix web run build</code>).</p>
<ul>
<li><a href="/api/docs">API documentation</a> (OpenAPI: <a href="/api/openapi.json">/api/openapi.json</a>)</li>
<li>Health: <a href="/healthz">/healthz</a></li>
</ul>
</body></html>`;

/** The admin app at /, the customer portal at /portal (one page; the app picks by path), /api/docs as before. */
export async function homeRoutes(app: FastifyInstance, services: HttpServices) {
  const dir = webAppDir();
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(landing(services.version)),
    );
    return;
  }
  const html = readFileSync(index);
  const page = (reply: FastifyReply) => reply.headers(pageHeaders).type('text/html; charset=utf-8').send(html);
  app.get('/', { schema: { hide: true } }, async (_req, reply) => page(reply));
  app.get('/portal', { schema: { hide: true } }, async (_req, reply) => page(reply));
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    // Bundles are named by their content hash, so a browser may keep them for good.
    immutable: true,
    maxAge: '365d',
  });
}
