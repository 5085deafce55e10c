import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

// The OpenAPI document: served at /api/openapi.json, written to a file by scripts/openapi.ts, linted
// by Redocly in CI and compiled into a typed client. Component schemas come from the zod schemas
// that carry an `id` (see http/schemas and the routes' *.schema.ts files).

const tags = [
  { name: 'health', description: 'Liveness of the service and its database' },
  { name: 'tenant', description: "The caller's operator: settings and staff API keys" },
  { name: 'customers', description: 'Customers (subscribers) and their phone numbers' },
  { name: 'legal entities', description: 'Invoice senders: names, tax ids, bank details' },
  { name: 'audit', description: 'Append-only record of every change' },
  { name: 'numbering', description: 'Number sequences documents take their numbers from' },
  { name: 'fixed costs', description: 'Catalog of fixed charges added to documents' },
  { name: 'templates', description: 'Liquid HTML templates documents are rendered with' },
  { name: 'documents', description: 'Invoices and other documents: drafts, generation, issue, cancel, PDF' },
  { name: 'destinations', description: 'Dialled-number prefixes and their names' },
  { name: 'rate plans', description: 'Prices per destination and the customers rated with them' },
  { name: 'usage', description: 'Usage records (CDRs): ingestion, queries, re-rating, sources, rejections' },
  { name: 'usage imports', description: 'Large usage files uploaded and processed in the background' },
  { name: 'webhooks', description: 'Signed event notifications: endpoints, delivery logs, events and replay' },
  { name: 'delivery', description: 'Email: the outgoing mail server, sending rules, the send queue and delivery logs' },
];

const description = `Invoicing engine for telecom, VoIP and ISP operators.

Authenticate with \`Authorization: Bearer <api key>\`; a key belongs to one tenant and has a role
(viewer < accountant < admin). JSON is camelCase; money is a decimal string beside a currency code;
dates are \`YYYY-MM-DD\` and instants ISO 8601 in UTC. Lists answer \`{ data, nextCursor }\`: pass
\`nextCursor\` as \`cursor\` for the next page. Errors are RFC 9457 \`application/problem+json\` with a
stable \`code\` and per-field \`errors[]\`.`;

type Doc = { components?: { schemas?: Record<string, unknown> }; [key: string]: unknown };

/** Component schemas no operation (or other used component) refers to are dropped. */
export function pruneUnusedSchemas<T extends Doc>(doc: T): T {
  const schemas = doc.components?.schemas ?? {};
  const { components, ...rest } = doc;
  const used = new Set<string>();
  const visit = (value: unknown) => {
    const text = JSON.stringify(value);
    for (const match of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      const name = decodeURIComponent(match[1]!);
      if (!used.has(name) && schemas[name]) {
        used.add(name);
        visit(schemas[name]);
      }
    }
  };
  visit(rest);
  visit(components?.schemas === undefined ? components : { ...components, schemas: {} });
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...doc, components: { ...components, schemas: kept } };
}

export const swaggerOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Tollbook API',
      version: '1',
      description,
      license: { name: 'AGPL-3.0-only', identifier: 'AGPL-3.0-only' },
      contact: { name: 'Tollbook', url: 'https://tollbook.dev' },
    },
    servers: [{ url: '/', description: 'The server this document was served from' }],
    tags,
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A staff API key' } } },
    security: [{ apiKey: [] }],
  },
  transform: jsonSchemaTransform,
  transformObject: (input) => pruneUnusedSchemas(jsonSchemaTransformObject(input) as Doc) as never,
};
