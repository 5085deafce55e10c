import type { FastifyInstance } from 'fastify';
import type { HttpServices } from '../services.ts';

// A plain landing page, so that the URL `serve` prints shows something useful in a browser.
const page = (version: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tollbook</title>
<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1b2733}
code{background:#eef2f6;padding:.1rem .3rem;border-radius:3px}a{color:#0b5394}</style></head>
<body><h1>Tollbook ${version}</h1>
<p>Invoicing engine for telecom, VoIP and ISP operators.</p>
<ul>
<li><a href="/api/docs">API documentation</a> (OpenAPI: <a href="/api/openapi.json">/api/openapi.json</a>)</li>
<li>Health: <a href="/healthz">/healthz</a></li>
</ul>
<p>Authenticate with <code>Authorization: Bearer &lt;api key&gt;</code>; <code>tollbook demo</code> and
<code>tollbook tenant create</code> print one. Try <code>GET /api/v1/documents</code> or
<code>GET /api/v1/documents/{id}/pdf</code>.</p>
</body></html>`;

export function homeRoutes(app: FastifyInstance, services: HttpServices) {
  app.get('/', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(page(services.version)),
  );
}
