import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

const pdfText = (pdf: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tollbook-pdf-')), 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describe('What an invoice looks like: PDF, call list, details, templates', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(() => env.close());

  it('renders a PDF with number, issue and due dates, both parties with tax IDs, period with its zone, and totals', async () => {
    const t = await invoicingTenant(env);
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2018-10-02T09:00:00Z', price: '100.00', prefix: '35567', destination: 'Albania mobile' },
    ]);
    const doc = await makeInvoice(
      env,
      t.api,
      {
        type: 'invoice',
        customerId: t.customerId,
        periodStart: '2018-10-01',
        periodEnd: '2018-10-31',
        numberSequenceId: t.sequenceId,
        taxRate: '21',
        callDiscountPercent: '10',
      },
      { issue: true },
    );
    const pdf = await t.api('GET', `/api/v1/documents/${doc.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.bytes);
    for (const expected of [
      'TEST0001',
      'Acme Telecom SL',
      'ESB00000001',
      'Client Corp SA',
      'B98765432',
      'Albania mobile',
      '15/11/2018',
      'Europe/Madrid',
      '90.00',
      '18.90',
      '108.90',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('escapes call-list CSV cells that a spreadsheet would run as a formula', async () => {
    const t = await invoicingTenant(env);
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2018-10-02T09:00:00Z', price: '1.00', destination: '=HYPERLINK("http://x")' },
      { startedAt: '2018-10-03T09:00:00Z', price: '1.00', destination: '@SUM(A1)' },
    ]);
    const doc = await makeInvoice(env, t.api, {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
    });
    const csv = await t.api('GET', `/api/v1/documents/${doc.id}/usage-records`, undefined, { accept: 'text/csv' });
    expect(csv.raw).toContain(`'=HYPERLINK`);
    expect(csv.raw).toContain(`'@SUM(A1)`);
    expect(csv.raw).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('lists invoice details per destination with rate, calls, minutes and price, searchable with % wildcards', async () => {
    const t = await invoicingTenant(env);
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2018-10-02T09:00:00Z', price: '1.00', prefix: '35567', destination: 'Albania mobile' },
      { startedAt: '2018-10-02T10:00:00Z', price: '1.00', prefix: '3556', destination: 'Albania' },
      { startedAt: '2018-10-02T11:00:00Z', price: '1.00', prefix: '347', destination: 'Spain mobile' },
    ]);
    const doc = await makeInvoice(env, t.api, {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
    });
    const prefixes = async (pattern: string) =>
      (await t.api('GET', `/api/v1/documents/${doc.id}/details?prefix=${encodeURIComponent(pattern)}`)).body.data.map(
        (d: { prefix: string }) => d.prefix,
      );
    expect(await prefixes('35%')).toEqual(['3556', '35567']);
    expect(await prefixes('%67')).toEqual(['35567']);
    expect(await prefixes('3%7')).toEqual(['347', '35567']);
    expect(await prefixes('%56%')).toEqual(['3556', '35567']);
    expect(await prefixes('347')).toEqual(['347']);
    const [spain] = (await t.api('GET', `/api/v1/documents/${doc.id}/details?prefix=347`)).body.data;
    expect(spain).toMatchObject({
      prefix: '347',
      destination: 'Spain mobile',
      calls: 1,
      durationSeconds: 60,
      minutes: '1.00',
      price: '1.00',
    });
  });

  it('refuses a template with a syntax error at upload, naming the line', async () => {
    const t = await invoicingTenant(env);
    const res = await t.api('POST', '/api/v1/templates', {
      name: 'Broken',
      documentType: 'invoice',
      locale: 'en',
      source: '<h1>Invoice</h1>\n<p>{{ document.number }</p>\n{% if %}',
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('TEMPLATE_SYNTAX');
    expect(res.body.line).toBeGreaterThan(0);
  });

  it('a template that loops forever or reads files fails its document with the reason, and the worker carries on', async () => {
    const t = await invoicingTenant(env);
    const loop = (
      await t.api('POST', '/api/v1/templates', {
        name: 'Loop',
        documentType: 'invoice',
        locale: 'en',
        source: '{% for i in (1..1000000000) %}{{ i }}{% endfor %}',
      })
    ).body;
    const reader = await t.api('POST', '/api/v1/templates', {
      name: 'Reader',
      documentType: 'invoice',
      locale: 'en',
      source: "{% include '/etc/passwd' %}",
    });
    expect(reader.status).toBe(400);
    const bad = await makeInvoice(env, t.api, {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2018-09-01',
      periodEnd: '2018-09-30',
      templateId: loop.id,
    });
    expect(bad.renderStatus).toBe('failed');
    expect(bad.renderError).toContain('TEMPLATE_TIMEOUT');
    const good = await makeInvoice(env, t.api, {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
      templateId: 'builtin-invoice-detailed-ru',
    });
    expect(good.renderStatus).toBe('created');
  });

  it('a template that loops fails only its own document in a render batch; its neighbours are printed', async () => {
    const t = await invoicingTenant(env);
    const loop = (
      await t.api('POST', '/api/v1/templates', {
        name: 'Loop in a batch',
        documentType: 'invoice',
        locale: 'en',
        source: '{% for i in (1..1000000000) %}{{ i }}{% endfor %}',
      })
    ).body;
    const months = ['2018-05', '2018-06', '2018-07', '2018-08'];
    const ids: string[] = [];
    for (const [i, month] of months.entries()) {
      const created = await t.api('POST', '/api/v1/documents', {
        type: 'invoice',
        customerId: t.customerId,
        periodStart: `${month}-01`,
        periodEnd: `${month}-28`,
        templateId: i === 1 ? loop.id : 'builtin-invoice-detailed-en',
      });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    // Generated together, so that one drain hands the render worker all four at once.
    for (const id of ids) expect((await t.api('POST', `/api/v1/documents/${id}/generate`)).status).toBeLessThan(300);
    await env.runtime.queue.drain();
    const docs = await Promise.all(ids.map(async (id) => (await t.api('GET', `/api/v1/documents/${id}`)).body));
    expect(docs.map((d) => d.renderStatus)).toEqual(['created', 'failed', 'created', 'created']);
    expect(docs[1].renderError).toContain('TEMPLATE_TIMEOUT');
    for (const [i, doc] of docs.entries()) {
      if (i === 1) continue;
      const text = pdfText((await t.api('GET', `/api/v1/documents/${doc.id}/pdf`)).bytes);
      expect(text).toContain(months[i]!.slice(0, 4));
      expect(text).toMatch(/Page 1 of \d/);
    }
  });

  it('previews any template with demo data, and lists the built-in ones in English and Russian', async () => {
    const t = await invoicingTenant(env);
    const list = (await t.api('GET', '/api/v1/templates')).body.data.map((x: { id: string }) => x.id);
    expect(list).toEqual(
      expect.arrayContaining([
        'builtin-invoice-summary-en',
        'builtin-invoice-summary-ru',
        'builtin-invoice-detailed-en',
        'builtin-invoice-detailed-ru',
      ]),
    );
    const html = await t.api('GET', '/api/v1/templates/builtin-invoice-summary-ru/preview');
    expect(html.status).toBe(200);
    expect(html.raw).toContain('Счёт');
    const edited = await t.api('POST', '/api/v1/templates/preview', {
      source: '<b>{{ recipient.name }}</b> {{ totals.total | money: document.currency }}',
      locale: 'en',
    });
    expect(edited.raw).toMatch(/<b>.+<\/b> .*EUR/);
  });
});
