import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { chromium, type Page } from 'playwright-core';
import { loadDemo } from '../../src/app/demo/load-demo.ts';
import { CHROMIUM_ARGS, findChromium } from '../../src/documents/pdf/find-chromium.ts';
import { apiClient, startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { invoiceFirstCustomer, tollbookClient } from './client-example.ts';

// The contract cannot drift from the code: with the demo operator loaded, every GET operation the
// OpenAPI document lists is called for real, and each answer must be one the document declares
// (status, media type) and must validate against the declared schema.

type Operation = {
  operationId?: string;
  summary?: string;
  parameters?: Array<{ in: string; name: string }>;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
type OpenApi = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

let env: TestEnv;
let api: ApiClient;
let apiKey: string;
let doc: OpenApi;
let demoLogins: { staff: { email: string; password: string }; portal: { email: string; password: string } };
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its default import is the plugin function itself.
(formatsPlugin as unknown as (a: Ajv2020) => void)(ajv);
ajv.addFormat('binary', true);
const validators = new Map<string, ValidateFunction>();
const exercised = new Set<string>();

function validatorFor(schema: unknown): ValidateFunction {
  const text = JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/');
  let validate = validators.get(text);
  if (!validate) {
    validate = ajv.compile(JSON.parse(text));
    validators.set(text, validate);
  }
  return validate;
}

/** Calls a GET and checks the answer against the document; returns the parsed body. */
async function checked(template: string, url: string, headers: Record<string, string> = {}) {
  const op = doc.paths[template]?.get;
  expect(op, `GET ${template} is documented`).toBeDefined();
  const res = await api('GET', url, undefined, headers);
  const declared = op!.responses[String(res.status)];
  expect(declared, `GET ${url} answered ${res.status}: ${res.raw.slice(0, 300)}`).toBeDefined();
  const mediaType = String(res.headers['content-type'] ?? '').split(';')[0]!;
  const media = declared!.content?.[mediaType];
  expect(media, `GET ${url} answered ${mediaType}, not declared for ${res.status}`).toBeDefined();
  if (mediaType.endsWith('json')) {
    const validate = validatorFor(media!.schema);
    const valid = validate(res.body);
    expect(valid, `GET ${url}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  }
  exercised.add(template);
  return res;
}

const firstId = async (list: string) => (await api('GET', list)).body.data[0].id as string;

beforeAll(async () => {
  env = await startTestEnv({ clock: '2026-11-30T09:00:00Z' });
  const demo = await loadDemo(env.runtime.deps, () => {}, env.runtime.demoSteps);
  apiKey = demo.apiKey;
  demoLogins = { staff: demo.staffLogin, portal: demo.portalLogin };
  api = apiClient(env.http, demo.apiKey);
  doc = (await apiClient(env.http, null)('GET', '/api/openapi.json')).body as OpenApi;
  ajv.addSchema({ components: doc.components }, 'openapi.json');
  // The demo has no uploaded file: one import with a good row and a bad one gives imports and rejections.
  const csv = 'externalId,accountCode,startedAt,durationSeconds,caller,callee,source\n'.concat(
    'k-1,ACME01,2026-11-02T08:00:00Z,60,34911111111,34600000001,upload\n',
    'k-2,NOBODY,2026-11-02T09:00:00Z,60,34911111112,34600000002,upload\n',
  );
  const upload = await api('POST', '/api/v1/usage-imports?format=csv&source=upload', csv, {
    'content-type': 'text/csv',
  });
  expect(upload.status).toBe(202);
  await env.runtime.queue.drain();
}, 240_000);

afterAll(async () => {
  await env?.close();
});

describe('the OpenAPI document matches live answers', () => {
  it('every GET of every resource of the demo answers as declared', async () => {
    const ids = {
      customer: await firstId('/api/v1/customers'),
      legalEntity: await firstId('/api/v1/legal-entities'),
      sequence: await firstId('/api/v1/number-sequences'),
      fixedCost: await firstId('/api/v1/fixed-costs'),
      template: await firstId('/api/v1/templates'),
      document: await firstId('/api/v1/documents'),
      destination: await firstId('/api/v1/destinations'),
      ratePlan: await firstId('/api/v1/rate-plans'),
      assignment: await firstId('/api/v1/rate-plan-assignments'),
      usage: await firstId('/api/v1/usage-records'),
      usageImport: await firstId('/api/v1/usage-imports'),
      source: (await api('GET', '/api/v1/usage-sources')).body.data[0].source as string,
      product: await firstId('/api/v1/products'),
      scheme: await firstId('/api/v1/invoicing-schemes'),
      contract: await firstId('/api/v1/contracts?kind=customer'),
      subscription: await firstId('/api/v1/subscriptions'),
      charge: await firstId('/api/v1/charges?kind=scheduled'),
      issued: await firstId('/api/v1/invoices?status=issued'),
      xlsxTemplate: await firstId('/api/v1/xlsx-templates'),
      payment: await firstId('/api/v1/payments'),
      session: await firstId('/api/v1/generation-sessions'),
      allocationConfiguration: await firstId('/api/v1/allocation-configurations'),
      webhookEndpoint: await firstId('/api/v1/webhook-endpoints'),
      webhookEvent: await firstId('/api/v1/webhook-events'),
      billGroup: await firstId('/api/v1/bill-groups'),
      billRun: await firstId('/api/v1/bill-runs'),
      bulkAction: await firstId('/api/v1/bulk-actions'),
    };
    const contractCustomer = (await api('GET', `/api/v1/contracts/${ids.contract}`)).body.customerId as string;
    // Session routes and the portal answer to a signed-in browser's cookie, not to an API key.
    const cookieOf = async (login: { email: string; password: string }) => {
      const res = await apiClient(env.http, null)('POST', '/api/v1/auth/sign-in', login);
      expect(res.status).toBe(200);
      const set = String(res.headers['set-cookie']).split(';')[0]!;
      return { authorization: '', cookie: set };
    };
    const staff = await cookieOf(demoLogins.staff);
    const customer = await cookieOf(demoLogins.portal);
    const portalDocument = (await api('GET', '/api/v1/portal/documents', undefined, customer)).body.data[0]
      .id as string;
    const user = await firstId('/api/v1/users');
    const calls: Array<[template: string, url: string, headers?: Record<string, string>]> = [
      ['/healthz', '/healthz'],
      ['/api/v1/tenant', '/api/v1/tenant'],
      ['/api/v1/api-keys', '/api/v1/api-keys'],
      ['/api/v1/customers', '/api/v1/customers?limit=2'],
      ['/api/v1/customers/{id}', `/api/v1/customers/${ids.customer}`],
      ['/api/v1/legal-entities', '/api/v1/legal-entities'],
      ['/api/v1/legal-entities/{id}', `/api/v1/legal-entities/${ids.legalEntity}`],
      ['/api/v1/audit-events', '/api/v1/audit-events?limit=50'],
      ['/api/v1/number-sequences', '/api/v1/number-sequences'],
      ['/api/v1/number-sequences/{id}', `/api/v1/number-sequences/${ids.sequence}`],
      ['/api/v1/fixed-costs', '/api/v1/fixed-costs'],
      ['/api/v1/fixed-costs/{id}', `/api/v1/fixed-costs/${ids.fixedCost}`],
      ['/api/v1/templates', '/api/v1/templates'],
      ['/api/v1/templates/{id}', `/api/v1/templates/${ids.template}`],
      ['/api/v1/templates/{id}/preview', `/api/v1/templates/${ids.template}/preview`],
      ['/api/v1/documents', '/api/v1/documents'],
      ['/api/v1/invoices', '/api/v1/invoices?status=issued'],
      ['/api/v1/documents/{id}', `/api/v1/documents/${ids.document}`],
      [
        '/api/v1/customers/{id}/next-document',
        `/api/v1/customers/${ids.customer}/next-document?type=invoice&periodStart=2026-09-01&periodEnd=2026-09-30`,
      ],
      ['/api/v1/documents/{id}/fixed-costs', `/api/v1/documents/${ids.document}/fixed-costs`],
      ['/api/v1/documents/{id}/details', `/api/v1/documents/${ids.document}/details`],
      ['/api/v1/documents/{id}/pdf', `/api/v1/documents/${ids.document}/pdf`],
      ['/api/v1/documents/{id}/usage-records', `/api/v1/documents/${ids.document}/usage-records?limit=20`],
      [
        '/api/v1/documents/{id}/usage-records',
        `/api/v1/documents/${ids.document}/usage-records`,
        { accept: 'text/csv' },
      ],
      ['/api/v1/documents/{id}/usage-records.csv', `/api/v1/documents/${ids.document}/usage-records.csv`],
      ['/api/v1/documents/{id}/ubl', `/api/v1/documents/${ids.issued}/ubl`],
      ['/api/v1/documents/{id}/xlsx', `/api/v1/documents/${ids.issued}/xlsx`],
      ['/api/v1/xlsx-templates', '/api/v1/xlsx-templates'],
      ['/api/v1/exports/documents', '/api/v1/exports/documents?status=issued'],
      ['/api/v1/exports/document-lines', '/api/v1/exports/document-lines?format=xlsx'],
      ['/api/v1/exports/usage-records', '/api/v1/exports/usage-records?rated=true'],
      ['/api/v1/exports/payments', '/api/v1/exports/payments?format=xlsx'],
      ['/api/v1/exports/accounting', '/api/v1/exports/accounting?from=2000-01-01&to=2100-12-31'],
      ['/api/v1/xlsx-templates/{id}', `/api/v1/xlsx-templates/${ids.xlsxTemplate}`],
      ['/api/v1/destinations', '/api/v1/destinations'],
      ['/api/v1/destinations/{id}', `/api/v1/destinations/${ids.destination}`],
      ['/api/v1/rate-plans', '/api/v1/rate-plans'],
      ['/api/v1/rate-plans/{id}', `/api/v1/rate-plans/${ids.ratePlan}`],
      ['/api/v1/rate-plans/{id}/rates', `/api/v1/rate-plans/${ids.ratePlan}/rates?limit=5`],
      ['/api/v1/rate-plan-assignments', '/api/v1/rate-plan-assignments'],
      ['/api/v1/rate-plan-assignments/{id}', `/api/v1/rate-plan-assignments/${ids.assignment}`],
      ['/api/v1/usage-records', '/api/v1/usage-records?limit=100'],
      ['/api/v1/usage-records/{id}', `/api/v1/usage-records/${ids.usage}`],
      ['/api/v1/usage-records/totals', '/api/v1/usage-records/totals'],
      ['/api/v1/usage-records/unrated', '/api/v1/usage-records/unrated'],
      ['/api/v1/usage-imports', '/api/v1/usage-imports'],
      ['/api/v1/usage-imports/{id}', `/api/v1/usage-imports/${ids.usageImport}`],
      ['/api/v1/usage-imports/{id}/rejections', `/api/v1/usage-imports/${ids.usageImport}/rejections`],
      ['/api/v1/usage-sources', '/api/v1/usage-sources'],
      ['/api/v1/usage-sources/{source}', `/api/v1/usage-sources/${ids.source}`],
      ['/api/v1/usage-rejections', '/api/v1/usage-rejections'],
      ['/api/v1/products', '/api/v1/products'],
      ['/api/v1/products/{id}', `/api/v1/products/${ids.product}`],
      ['/api/v1/products/{id}/price', `/api/v1/products/${ids.product}/price?quantity=12`],
      ['/api/v1/invoicing-schemes', '/api/v1/invoicing-schemes'],
      ['/api/v1/invoicing-schemes/{id}', `/api/v1/invoicing-schemes/${ids.scheme}`],
      ['/api/v1/bill-groups', '/api/v1/bill-groups'],
      ['/api/v1/bill-groups/{id}', `/api/v1/bill-groups/${ids.billGroup}`],
      ['/api/v1/bill-runs', '/api/v1/bill-runs'],
      ['/api/v1/bill-runs/{id}', `/api/v1/bill-runs/${ids.billRun}`],
      ['/api/v1/contracts', '/api/v1/contracts'],
      ['/api/v1/contracts/{id}', `/api/v1/contracts/${ids.contract}`],
      [
        '/api/v1/customers/{id}/invoicing-scheme',
        `/api/v1/customers/${contractCustomer}/invoicing-scheme?contractId=${ids.contract}`,
      ],
      ['/api/v1/subscriptions', '/api/v1/subscriptions?limit=20'],
      ['/api/v1/subscriptions/{id}', `/api/v1/subscriptions/${ids.subscription}`],
      ['/api/v1/subscriptions/{id}/invoicing-scheme', `/api/v1/subscriptions/${ids.subscription}/invoicing-scheme`],
      ['/api/v1/charges', '/api/v1/charges?limit=100'],
      ['/api/v1/charges/{id}', `/api/v1/charges/${ids.charge}`],
      ['/api/v1/payments', '/api/v1/payments'],
      ['/api/v1/generation-sessions', '/api/v1/generation-sessions'],
      ['/api/v1/generation-sessions/{id}', `/api/v1/generation-sessions/${ids.session}`],
      ['/api/v1/payments/{id}', `/api/v1/payments/${ids.payment}`],
      ['/api/v1/allocation-configurations', '/api/v1/allocation-configurations'],
      ['/api/v1/allocation-configurations/{id}', `/api/v1/allocation-configurations/${ids.allocationConfiguration}`],
      ['/api/v1/exchange-rates', '/api/v1/exchange-rates?currency=USD'],
      ['/api/v1/customers/{id}/balance', `/api/v1/customers/${ids.customer}/balance`],
      ['/api/v1/customers/{id}/statement', `/api/v1/customers/${ids.customer}/statement?from=2024-01-01&to=2030-12-31`],
      ['/api/v1/reports/document-totals', '/api/v1/reports/document-totals?currency=EUR'],
      ['/api/v1/reports/receivables', '/api/v1/reports/receivables'],
      ['/api/v1/settings/smtp', '/api/v1/settings/smtp'],
      ['/api/v1/settings/delivery', '/api/v1/settings/delivery'],
      ['/api/v1/documents/{id}/deliveries', `/api/v1/documents/${ids.issued}/deliveries`],
      ['/api/v1/bulk-actions', '/api/v1/bulk-actions'],
      ['/api/v1/bulk-actions/{id}', `/api/v1/bulk-actions/${ids.bulkAction}`],
      ['/api/v1/settings/generation-schedules', '/api/v1/settings/generation-schedules'],
      ['/api/v1/reports/payments-received', '/api/v1/reports/payments-received?from=2024-01-01&to=2030-12-31'],
    ];
    calls.push(
      ['/api/v1/webhook-endpoints', '/api/v1/webhook-endpoints'],
      ['/api/v1/webhook-endpoints/{id}', `/api/v1/webhook-endpoints/${ids.webhookEndpoint}`],
      ['/api/v1/webhook-endpoints/{id}/deliveries', `/api/v1/webhook-endpoints/${ids.webhookEndpoint}/deliveries`],
      ['/api/v1/webhook-events', '/api/v1/webhook-events?limit=5'],
      ['/api/v1/webhook-events/{id}', `/api/v1/webhook-events/${ids.webhookEvent}`],
    );
    calls.push(
      ['/api/v1/users', '/api/v1/users'],
      ['/api/v1/users/{id}', `/api/v1/users/${user}`],
      ['/api/v1/auth/session', '/api/v1/auth/session', staff],
      ['/api/v1/portal/documents', '/api/v1/portal/documents', customer],
      ['/api/v1/portal/documents/{id}', `/api/v1/portal/documents/${portalDocument}`, customer],
      ['/api/v1/portal/documents/{id}/pdf', `/api/v1/portal/documents/${portalDocument}/pdf`, customer],
      ['/api/v1/portal/documents/{id}/xlsx', `/api/v1/portal/documents/${portalDocument}/xlsx`, customer],
      ['/api/v1/portal/documents/{id}/ubl', `/api/v1/portal/documents/${portalDocument}/ubl`, customer],
      ['/api/v1/portal/documents/{id}/details', `/api/v1/portal/documents/${portalDocument}/details`, customer],
      ['/api/v1/portal/balance', '/api/v1/portal/balance', customer],
      ['/api/v1/portal/statement', '/api/v1/portal/statement', customer],
      ['/api/v1/portal/payments', '/api/v1/portal/payments', customer],
      ['/api/v1/settings/portal', '/api/v1/settings/portal'],
      ['/api/v1/customers/{id}/portal-tokens', `/api/v1/customers/${ids.customer}/portal-tokens`],
    );
    for (const [template, url, headers] of calls) {
      const res = await checked(template, url, headers);
      expect(res.status, `GET ${url}`).toBe(200);
    }
    const pdf = await checked('/api/v1/documents/{id}/pdf', `/api/v1/documents/${ids.document}/pdf`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // The schemas are not vacuous: a customer without its fields is refused.
    const customerSchema = doc.paths['/api/v1/customers/{id}']!.get!.responses['200']!.content!['application/json']!;
    expect(validatorFor(customerSchema.schema)({ id: ids.customer })).toBe(false);
    // Errors are declared too: an unknown id is a documented 404 problem.
    expect((await checked('/api/v1/customers/{id}', '/api/v1/customers/cus_missing')).status).toBe(404);

    const documentedGets = Object.entries(doc.paths)
      .filter(([, ops]) => ops.get)
      .map(([path]) => path);
    expect(documentedGets.filter((p) => !exercised.has(p))).toEqual([]);
  });

  it('names, summarises and documents the errors of every operation', () => {
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
        expect(ids.has(op.operationId!), `${where}: operationId ${op.operationId} is unique`).toBe(false);
        ids.add(op.operationId!);
        expect(op.summary, where).toBeTruthy();
        const statuses = Object.keys(op.responses);
        if (op.operationId !== 'getHealth') expect(statuses, where).toEqual(expect.arrayContaining(['400', '401']));
        const creates = method === 'post' && statuses.some((s) => s === '201' || s === '202');
        if (creates && !path.endsWith('/generate') && !path.endsWith('/resume')) {
          const names = (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
          expect(names, `${where} declares Idempotency-Key`).toContain('idempotency-key');
        }
      }
    }
  });

  it('runs the typed client example: lists customers, creates an invoice, reads its totals', async () => {
    const fetchThroughApp: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const res = await env.http.inject({
        method: request.method as 'GET',
        url: new URL(request.url).pathname + new URL(request.url).search,
        headers: Object.fromEntries(request.headers),
        ...(request.body ? { payload: Buffer.from(await request.arrayBuffer()) } : {}),
      });
      return new Response(res.statusCode === 204 ? null : res.rawPayload, {
        status: res.statusCode,
        headers: res.headers as Record<string, string>,
      });
    };
    const key = (await api('POST', '/api/v1/api-keys', { name: 'example', role: 'accountant' })).body.key;
    const client = tollbookClient('http://tollbook.test', key, fetchThroughApp);
    const summary = await invoiceFirstCustomer(client, { start: '2026-08-01', end: '2026-08-31' });
    expect(summary).toMatchObject({ status: 'draft', currency: 'EUR' });
    expect(summary.total).toMatch(/^\d+\.\d{2}$/);
    const created = await checked('/api/v1/documents/{id}', `/api/v1/documents/${summary.documentId}`);
    expect(created.body.metadata).toEqual({ source: 'client-example' });
  });

  it('lets a user of the docs UI upload a usage CSV and download a PDF', async () => {
    const address = await env.http.listen({ port: 0, host: '127.0.0.1' });
    const documentId = (await api('GET', '/api/v1/documents?status=issued')).body.data[0].id;
    // The page is only on loopback: the flags that seal the PDF renderer off every network are not needed.
    const browser = await chromium.launch({ executablePath: findChromium()!, args: CHROMIUM_ARGS.slice(0, 8) });
    try {
      const page = await browser.newPage({ acceptDownloads: true });
      // Swagger UI lays out the whole document before its first button appears; on a loaded
      // two-core machine that alone can take longer than Playwright's default 30 s.
      page.setDefaultTimeout(90_000);
      await page.goto(`${address}/api/docs`);
      await page.locator('.btn.authorize').first().click();
      await page.locator('.modal-ux input').first().fill(apiKey);
      await page.locator('.modal-ux .auth-btn-wrapper .authorize').click();
      await page.locator('.modal-ux .btn-done').click();

      const upload = await reveal(page, '#operations-usage_imports-createUsageImport');
      await upload.locator('.opblock-summary').click();
      await upload.locator('.try-out__btn').click();
      await upload.locator('tr[data-param-name="format"] select').selectOption('csv');
      await upload.locator('tr[data-param-name="source"] input').fill('docs-ui');
      await upload.locator('input[type=file]').setInputFiles({
        name: 'calls.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'externalId,accountCode,startedAt,durationSeconds,caller,callee\nui-1,ACME01,2026-11-02T08:00:00Z,60,34911111111,34600000001\n',
        ),
      });
      await upload.locator('.execute').click();
      const uploaded = upload.locator('.live-responses-table tr.response .response-col_status').first();
      expect((await uploaded.textContent())?.trim()).toBe('202');

      const pdf = await reveal(page, '#operations-documents-getDocumentPdf');
      await pdf.locator('.opblock-summary').click();
      await pdf.locator('.try-out__btn').click();
      await pdf.locator('tr[data-param-name="id"] input').fill(documentId);
      await pdf.locator('.execute').click();
      const link = pdf.locator('.live-responses-table a', { hasText: 'Download file' });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const { readFile } = await import('node:fs/promises');
      expect((await readFile((await download.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await browser.close();
    }
    const imports = (await api('GET', '/api/v1/usage-imports')).body.data as Array<{ source: string }>;
    expect(imports.map((i) => i.source)).toContain('docs-ui');
  }, 300_000);
});

/**
 * Swagger UI renders only the operations near the viewport (a virtualised list), so an operation
 * further down the page exists in the DOM only once the page has scrolled to it.
 */
async function reveal(page: Page, selector: string) {
  const target = page.locator(selector);
  await page.evaluate('window.scrollTo(0, 0)');
  for (let step = 0; step < 200 && (await target.count()) === 0; step++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(50);
  }
  await target.scrollIntoViewIfNeeded();
  return target;
}
