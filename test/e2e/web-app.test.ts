import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../src/documents/pdf/find-chromium.ts';
import { demoApi, loopbackContext, signIn, startDemoServer, type DemoServer } from './support.ts';

// The web app in headless Chromium against a real `tollbook demo --serve` on loopback: a member of
// staff signs in, opens customers and documents, creates a customer, issues the demo's draft and
// switches the app to Russian; a customer user signs in to the portal and sees only its own
// documents. Screenshots of each screen are written to .ci/out/e2e/. The app runs on the embedded
// database whatever the suite's database, so it runs once, in the embedded run.

const shots = '.ci/out/e2e';
// The machine running the suite may be busy: what the page shows is waited for generously.
const slowPoll = <T>(fn: () => T | Promise<T>, options = { timeout: 15_000 }) => expect.poll(fn, options);
const external: string[] = [];

describe('The web app in a browser', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [server, browser] = await Promise.all([
      startDemoServer(),
      chromium.launch({ executablePath: findChromium()!, args: CHROMIUM_ARGS.slice(0, 8) }),
    ]);
    // The server runs due work after its first minute: the demo's schedules would generate the
    // latest period's documents right while the scenario waits on its own background work.
    const off = await fetch(`${server.url}/api/v1/settings/generation-schedules`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.demo.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ skipMissingInvoices: true, schedules: [] }),
    });
    expect(off.status).toBe(200);
  }, 440_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets staff sign in, see the dashboard, customers and documents, and issue a draft', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(server.url);
    await page.locator('input[name=username]').waitFor();
    await page.screenshot({ path: `${shots}/sign-in.png` });
    await signIn(page, `${server.url}/`, { email: server.demo.staffLogin.email, password: 'wrong password' });
    await slowPoll(() => page.getByText('The email or the password is wrong').count()).toBe(1);
    await signIn(page, `${server.url}/`, server.demo.staffLogin);
    await page.getByText('Documents issued').first().waitFor();
    await page.screenshot({ path: `${shots}/dashboard.png` });

    await page.getByRole('menuitem', { name: 'Customers' }).click();
    await page.getByText('Acme Logistics SL').waitFor();
    await page.screenshot({ path: `${shots}/customers.png` });
    await page.getByRole('link', { name: 'Create' }).click();
    await page.locator('input[name=name]').fill('<b>Bold</b> Telecom SL');
    await page.locator('input[name=email]').fill('ap@bold.example');
    await page.getByRole('button', { name: 'Save' }).click();
    // HTML in a name is shown as text, never as markup.
    await page.getByText('<b>Bold</b> Telecom SL').waitFor();
    expect(await page.locator('td b').count()).toBe(0);

    await page.getByRole('menuitem', { name: 'Documents' }).click();
    await page.getByText('CT-2026-00001').waitFor();
    await page.screenshot({ path: `${shots}/documents.png` });
    await page.getByRole('row').filter({ hasText: 'draft' }).first().click();
    await page.getByRole('button', { name: 'Issue' }).click();
    await page.getByText(/Document issued as CT-2026-\d+/).waitFor();
    await page.getByText('issued', { exact: true }).first().waitFor();
    // The issued document is rendered again with its number; the screen follows until the PDF is there.
    const pdf = page.getByRole('link', { name: 'PDF' });
    await pdf.waitFor();
    await page.screenshot({ path: `${shots}/document-issued.png` });
    const [download] = await Promise.all([page.waitForEvent('download'), pdf.click()]);
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Русский' }).click();
    await page.getByRole('menuitem', { name: 'Клиенты' }).waitFor();
    await page.getByRole('menuitem', { name: 'Документы' }).click();
    await page.getByText('Номер').first().waitFor();
    await page.screenshot({ path: `${shots}/documents-ru.png` });
    await ctx.close();
  }, 90_000);

  const context = (viewport?: { width: number; height: number }, initScript?: string) =>
    loopbackContext(browser, server, external, { viewport, initScript });
  const apiCall = <T>(method: string, path: string, body?: unknown) => demoApi(server)<T>(method, path, body);

  async function staffPage(initScript?: string): Promise<Page> {
    const page = await (await context(undefined, initScript)).newPage();
    await signIn(page, `${server.url}/`, server.demo.staffLogin);
    await page.getByText('Documents issued').first().waitFor();
    return page;
  }

  const dialog = (page: Page) => page.getByRole('dialog');
  async function choose(page: Page, within: ReturnType<Page['getByRole']> | Page, label: string, option?: string) {
    await within.getByRole('combobox', { name: label }).click();
    const options = page.getByRole('option', option ? { name: option } : {});
    await options.first().click();
    // The menu closes before anything else is clicked.
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
  }

  it('matches an unmatched payment, unbinds and binds it by hand, reverses it, and records one', async () => {
    const page = await staffPage();
    await page.getByRole('menuitem', { name: 'Payments' }).click();
    await page.getByText('J. Doe').waitFor();
    await page.screenshot({ path: `${shots}/payments.png` });
    await choose(page, page, 'Matching', 'Unmatched');
    await slowPoll(() => page.getByText('Acme Logistics SL').count()).toBe(0);
    await page.getByRole('row').filter({ hasText: 'J. Doe' }).click();

    await page.getByRole('button', { name: 'Match to customer' }).click();
    await choose(page, dialog(page), 'Customer', 'Acme Logistics SL');
    await dialog(page).getByRole('button', { name: 'Match to customer' }).click();
    await page.getByText('Payment matched and allocated').waitFor();
    await page.getByRole('cell', { name: 'auto' }).waitFor();

    // Manual binding: undo the automatic allocation, then bind part of the money to the invoice.
    await page.getByRole('button', { name: 'Unbind' }).click();
    await page.getByRole('cell', { name: 'unbind', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Bind to document' }).click();
    await choose(page, dialog(page), 'Document', 'CT-2026-00001');
    await dialog(page).locator('input[name=amount]').fill('10.00');
    await dialog(page).getByRole('button', { name: 'Bind to document' }).click();
    await page.getByRole('cell', { name: 'manual' }).waitFor();
    await page.getByText('89.90 EUR').waitFor();
    await page.screenshot({ path: `${shots}/payment-bound.png` });

    await page.getByRole('button', { name: 'Reverse payment' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('reversed', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Bind to document' }).count()).toBe(0);

    // A payment entered by hand: the API's field error shows next to the field, then it is saved.
    await page.getByRole('menuitem', { name: 'Payments' }).click();
    await page.getByRole('link', { name: 'Create' }).click();
    await choose(page, page, 'Customer', 'Bodega Martín');
    await page.locator('input[name=amount]').fill('12.345');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('EUR amounts have at most 2 decimals').waitFor();
    await page.locator('input[name=amount]').fill('12.34');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('12.34 EUR').first().waitFor();
    await page.context().close();
  }, 60_000);

  it('edits a draft line, bulk-issues and bulk-deletes drafts, sends, searches details, downloads and converts', async () => {
    // Two drafts of Bodega Martín: one with a fixed cost, generated; one blank (never generated).
    const customers = await apiCall<{ data: Array<{ id: string; name: string }> }>('GET', '/customers');
    const customerId = customers.data.find((c) => c.name === 'Bodega Martín')!.id;
    const draft = (periodStart: string, periodEnd: string) =>
      apiCall<{ id: string }>('POST', '/documents', { customerId, periodStart, periodEnd });
    const [full, blank] = [await draft('2026-04-01', '2026-04-30'), await draft('2026-03-01', '2026-03-31')];
    const cost = (await apiCall<{ data: Array<{ id: string }> }>('GET', '/fixed-costs')).data[0]!;
    await apiCall('POST', `/documents/${full.id}/fixed-costs`, { fixedCostId: cost.id, quantity: 1 });

    const page = await staffPage();
    await page.goto(`${server.url}/#/documents/${full.id}/show`);
    await page.getByRole('button', { name: 'Generate' }).click();
    // Its lines are made by the generation; a line's new description asks for generating it again.
    await page.getByRole('button', { name: 'Edit description' }).first().click();
    await dialog(page).locator('textarea[name=description]').fill('Trunk rental <i>April</i>');
    await dialog(page).getByRole('button', { name: 'Edit description' }).click();
    await page.getByText('Trunk rental <i>April</i>').waitFor();
    await page.getByRole('button', { name: 'Generate' }).click();
    await slowPoll(() => page.getByRole('button', { name: 'Generate' }).count(), { timeout: 20_000 }).toBe(0);
    await page.screenshot({ path: `${shots}/document-draft.png` });

    // Bulk: both drafts ticked; the generated one is issued, the blank one refused with the reason.
    // Only this customer's drafts: the demo's bill runs leave open invoices (drafts) of their own.
    const drafts = encodeURIComponent(JSON.stringify({ status: 'draft', customerId }));
    await page.goto(`${server.url}/#/documents?filter=${drafts}`);
    await page.getByText('2026-03-01').first().waitFor();
    await slowPoll(() => page.getByRole('cell', { name: 'issued', exact: true }).count()).toBe(0);
    // One tracked bulk action of the API: the dialog follows its counts and lists each refusal's reason.
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByRole('button', { name: 'Issue' }).click();
    // The numbers are given in the order chosen: by account code here instead of by customer name.
    await choose(page, dialog(page), 'Number in the order of', 'Account code');
    await page.getByRole('button', { name: 'Confirm' }).click();
    // The bulk action runs in the background, after whatever the queue holds.
    await slowPoll(() => dialog(page).getByRole('status').textContent(), { timeout: 90_000 }).toMatch(
      /1 done, 1 refused, 0 pending of 2/,
    );
    await dialog(page)
      .getByRole('cell', { name: /must be generated/ })
      .waitFor();
    await page.screenshot({ path: `${shots}/documents-bulk.png` });
    const opened = await dialog(page).getByRole('link', { name: 'Open the bulk action' }).getAttribute('href');
    const bulkId = opened!.split('/')[2]!;
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    expect((await apiCall<{ status: string }>('GET', `/documents/${full.id}`)).status).toBe('issued');
    expect((await apiCall<{ issueOrder: string }>('GET', `/bulk-actions/${bulkId}`)).issueOrder).toBe('account_code');
    await page.getByRole('row').filter({ hasText: '2026-03-01' }).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Delete drafts' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(/1 done, 0 refused, 0 pending of 1/).waitFor({ timeout: 90_000 });
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    // Send selected: the demo's mail server is set, so the email is queued (the API refuses a draft).
    await page.goto(`${server.url}/#/documents?filter=${encodeURIComponent(JSON.stringify({ status: 'issued' }))}`);
    await page.getByRole('row').filter({ hasText: 'CT-2026-00001' }).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('1 emails queued').waitFor();
    const gone = await fetch(`${server.url}/api/v1/documents/${blank.id}`, {
      headers: { authorization: `Bearer ${server.demo.apiKey}` },
    });
    expect(gone.status).toBe(404);

    // An issued invoice: details per destination narrowed by a % prefix, XLSX and UBL downloads.
    await page.goto(`${server.url}/#/documents?filter=${encodeURIComponent(JSON.stringify({ status: 'issued' }))}`);
    await page.getByRole('row').filter({ hasText: 'CT-2026-00001' }).click();
    const details = page.getByRole('table', { name: 'Details per destination' });
    await details.getByRole('cell', { name: 'France', exact: true }).waitFor();
    await page.locator('input[name=prefix]').fill('34%');
    await slowPoll(() => details.getByRole('cell', { name: 'France', exact: true }).count()).toBe(0);
    await details.getByRole('cell', { name: 'Spain mobile' }).first().waitFor();
    await page.screenshot({ path: `${shots}/document-details.png` });
    for (const [name, magic] of [
      ['XLSX', 'PK'],
      ['E-invoice (UBL)', '<?xml'],
    ] as const) {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
      expect(
        readFileSync((await file.path())!)
          .toString('latin1')
          .startsWith(magic),
        name,
      ).toBe(true);
    }

    // An issued proforma converts into a draft advance invoice, opened at once.
    const proforma = await apiCall<{ id: string }>('POST', '/documents', {
      type: 'proforma',
      customerId,
      periodStart: '2026-12-01',
      periodEnd: '2026-12-31',
    });
    await apiCall('POST', `/documents/${proforma.id}/generate`);
    await slowPoll(
      async () => (await apiCall<{ renderStatus: string }>('GET', `/documents/${proforma.id}`)).renderStatus,
    ).toBe('created');
    const { number } = await apiCall<{ number: string }>('POST', `/documents/${proforma.id}/issue`);
    await page.goto(`${server.url}/#/documents/${proforma.id}/show`);
    await page.getByRole('button', { name: 'Convert to invoice' }).click();
    await page.getByText('Advance invoice created from the proforma').waitFor();
    await page.getByRole('link', { name: number }).waitFor();
    await page.context().close();
  }, 180_000);

  it('shows contracts, subscriptions, charges, payment rules, rates, numbering, templates and reports', async () => {
    const page = await staffPage();
    for (const [menu, text] of [
      ['Subscriptions', 'SIP trunk, 10 channels'],
      ['Charges', 'Installation'],
      ['Contracts', 'C-0001'],
      ['Allocation rules', 'Oldest due first'],
      ['Exchange rates', 'GBP'],
      ['Number sequences', 'CT-2026-'],
      ['XLSX templates', 'Costa Telecom invoice (spreadsheet)'],
      ['Reports', 'Payments received'],
    ] as const) {
      await page.getByRole('menuitem', { name: menu, exact: true }).click();
      await page.getByText(text).first().waitFor();
      await page.screenshot({ path: `${shots}/${menu.toLowerCase().replace(/ /g, '-')}.png` });
    }
    // A template is previewed on demo data, in a frame that runs no scripts.
    await page.getByRole('menuitem', { name: 'Templates', exact: true }).click();
    await page.getByRole('row').nth(1).click();
    await page.frameLocator('iframe').getByText('Invoice').first().waitFor();
    await page.screenshot({ path: `${shots}/template.png` });
    await page.context().close();
  }, 60_000);

  it('shows tenant settings, legal entities, fixed costs, rate plans with a CSV import, destinations, usage and usage imports', async () => {
    const page = await staffPage();
    await page.getByRole('menuitem', { name: 'Tenant settings', exact: true }).click();
    await slowPoll(() => page.locator('input[name=timezone]').inputValue()).toBe('Europe/Madrid');
    await page.getByText('Generation schedules').first().waitFor();
    await page.screenshot({ path: `${shots}/tenant-settings.png`, fullPage: true });
    for (const [menu, text] of [
      ['Legal entities', 'Costa Telecom SL'],
      ['Fixed costs', 'Line rental'],
      ['Destinations', 'Albania mobile'],
      ['Usage', 'Spain mobile'],
      ['Unrated usage', /Every call is rated|Unrated calls/],
    ] as const) {
      await page.getByRole('menuitem', { name: menu, exact: true }).click();
      await page.getByText(text).first().waitFor();
      await page.screenshot({ path: `${shots}/${menu.toLowerCase().replace(/ /g, '-')}.png` });
    }
    // A rate sheet with a bad line: the good one is taken, the bad one is listed with its line.
    await page.getByRole('menuitem', { name: 'Rate plans', exact: true }).click();
    await page.getByText('Retail 2024').click();
    await page.getByText('Albania mobile').first().waitFor();
    await page.getByRole('button', { name: 'Import rates (CSV)' }).click();
    const sheet =
      'prefix,pricePerMinute,connectionFee,minimumSeconds,incrementSeconds,name\n3491,0.0110,0,0,60,Madrid\n3492,abc,0,0,60,Bad\n';
    await dialog(page)
      .locator('input[type=file]')
      .setInputFiles({ name: 'rates.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet) });
    await dialog(page).getByRole('button', { name: 'Import rates (CSV)' }).click();
    await dialog(page)
      .getByRole('table', { name: 'Refused rows' })
      .getByRole('cell', { name: '3', exact: true })
      .waitFor();
    await page.screenshot({ path: `${shots}/rate-plan-import.png` });
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    // A usage file runs in the background: its page follows it and lists the refused row.
    await page.getByRole('menuitem', { name: 'Usage imports', exact: true }).click();
    await page
      .getByText(/No usage file uploaded yet|calls\.csv/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Upload usage file' }).first().click();
    const calls =
      'externalId,accountCode,startedAt,durationSeconds,caller,callee\ne2e-1,ACME01,2026-10-03T08:00:00Z,60,34911111111,34600000001\ne2e-2,ACME01,yesterday,60,34911111111,34600000002\n';
    await dialog(page)
      .locator('input[type=file]')
      .setInputFiles({ name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(calls) });
    await dialog(page).getByRole('button', { name: 'Upload usage file' }).click();
    await page.getByText('completed', { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('cell', { name: '3', exact: true }).waitFor();
    await page.screenshot({ path: `${shots}/usage-import.png` });
    await page.context().close();
  }, 90_000);

  it('lists generation sessions, opens one with its counts, starts another; lists bulk actions; runs a bill group; imports a statement; email, webhooks, API keys and the audit log', async () => {
    const page = await staffPage();
    const dialog = page.getByRole('dialog');
    await page.getByRole('menuitem', { name: 'Generation sessions', exact: true }).click();
    // The demo generated last month's invoices in a session.
    await page.getByRole('row').nth(1).click();
    await page.getByText('Customers', { exact: true }).first().waitFor();
    await page
      .getByText(/^\d+ \/ \d+/)
      .first()
      .waitFor();
    // Once the session itself has arrived, its documents link shows how many it made.
    await page.locator('a[href*="sessionId"]').filter({ hasText: /^\d+$/ }).waitFor();
    await page.screenshot({ path: `${shots}/generation-session.png` });

    await page.getByRole('menuitem', { name: 'Generation sessions', exact: true }).click();
    await page.getByRole('button', { name: 'Generate a period' }).click();
    await dialog.locator('input[name=periodStart]').fill('2026-09-01');
    await dialog.locator('input[name=periodEnd]').fill('2026-09-30');
    await dialog.getByRole('button', { name: 'Generate a period' }).click();
    await page.getByText('Session started').waitFor();
    await slowPoll(() => page.getByRole('cell', { name: '2026-09-01' }).count()).toBe(1);
    await page.screenshot({ path: `${shots}/generation-sessions.png` });
    // Once it has made its drafts, a bulk action over the session's documents recalculates them.
    type Listed = {
      data: Array<{ id: string; periodStart: string; status: string; counts: { documentsCreated: number } }>;
    };
    const september = async () =>
      (await apiCall<Listed>('GET', '/generation-sessions?limit=100')).data.find(
        (s) => s.periodStart === '2026-09-01',
      )!;
    await slowPoll(async () => (await september()).status, { timeout: 60_000 }).not.toBe('in_progress');
    expect((await september()).counts.documentsCreated).toBeGreaterThan(0);
    await page.goto(`${server.url}/#/generation-sessions/${(await september()).id}/show`);
    await page.getByRole('button', { name: 'Recalculate drafts' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await dialog.getByText(/(\d+) done, 0 refused, 0 pending of \1 — finished/).waitFor();
    await page.screenshot({ path: `${shots}/generation-session-bulk.png` });
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('menuitem', { name: 'Bulk actions', exact: true }).click();
    await page.getByRole('link', { name: 'Select documents' }).waitFor();

    // Bill groups: the demo's two, one of them run again by hand, and the runs' history.
    await page.getByRole('menuitem', { name: 'Bill groups', exact: true }).click();
    await page.getByText('Quarterly packages').click();
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Run now' }).click();
    await page.getByText('Bill run started').waitFor();
    await page.getByRole('menuitem', { name: 'Bill runs', exact: true }).click();
    await slowPoll(() => page.getByRole('cell', { name: 'Quarterly packages' }).count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: `${shots}/bill-runs.png` });

    // A bank statement: a good row for a demo customer, and a row without an amount, reported.
    await page.getByRole('menuitem', { name: 'Payments', exact: true }).click();
    await page.getByRole('button', { name: 'Import bank statement' }).click();
    const upload = page.getByRole('dialog');
    await upload.locator('input[name=statement]').setInputFiles({
      name: 'statement.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'externalId,amount,date,currency,accountCode\nE2E-1,12.50,2026-11-20,EUR,ACME01\nE2E-2,,2026-11-21,EUR,ACME01\n',
      ),
    });
    await upload.getByRole('button', { name: 'Import bank statement' }).click();
    await page
      .getByText(/Statement read: 1 new payments \(0 unmatched\), 0 already imported, 1 rows rejected: #2/)
      .waitFor();

    // Email: the mail server form and the sending settings, saved from the page.
    await page.getByRole('menuitem', { name: 'Email', exact: true }).click();
    await page.getByText('Outgoing mail server').waitFor();
    await page.locator('input[name=sendIntervalMinutes]').fill('5');
    await page.getByRole('button', { name: 'Save' }).nth(1).click();
    await page.getByText('Sending settings saved').waitFor();
    await page.screenshot({ path: `${shots}/email-settings.png` });

    // Webhooks: a new endpoint shows its signing secret once, then only the secret's first characters.
    await page.getByRole('menuitem', { name: 'Webhooks', exact: true }).click();
    await page.getByRole('link', { name: 'Create' }).click();
    await page.locator('input[name=url]').fill('http://127.0.0.1:9/tollbook-hook');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Signing secret, shown this once/).waitFor();
    await page.getByText('Secret starts with').waitFor();
    await page.screenshot({ path: `${shots}/webhook.png` });

    // API keys: a new key is shown once; the audit log names who changed what.
    await page.getByRole('menuitem', { name: 'API keys', exact: true }).click();
    await page.getByRole('link', { name: 'Create' }).click();
    await page.locator('input[name=name]').fill('ERP export');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/API key created, shown this once/).waitFor();
    await page.getByRole('cell', { name: 'ERP export' }).waitFor();
    await page.getByRole('menuitem', { name: 'Audit log', exact: true }).click();
    await page.getByRole('cell', { name: 'tenant', exact: true }).first().waitFor();
    await page.locator('input[name=objectType]').fill('webhook_endpoint');
    await page.getByRole('cell', { name: 'webhook_endpoint' }).first().waitFor();
    await slowPoll(() => page.getByRole('cell', { name: 'tenant', exact: true }).count()).toBe(0);
    await page.screenshot({ path: `${shots}/audit-log.png` });
    await page.context().close();
  }, 120_000);

  it("shows a customer's balance and statement, issues and revokes a portal API token, invites a portal user", async () => {
    const page = await staffPage();
    await page.getByRole('menuitem', { name: 'Customers' }).click();
    await page.getByText('Acme Logistics SL').click();
    await page.getByText(/^Outstanding: /).waitFor();
    const statement = page.getByRole('table', { name: 'Statement' });
    await statement.getByRole('link', { name: 'CT-2026-00001' }).first().waitFor();
    await page.getByText(/^Closing balance: /).waitFor();
    await page.screenshot({ path: `${shots}/customer.png`, fullPage: true });

    await page.getByRole('button', { name: 'Issue API token' }).click();
    await dialog(page).locator('input[name=name]').fill('ERP reader');
    await dialog(page).getByRole('button', { name: 'Issue API token' }).click();
    await page.getByText(/Portal API token, shown this once: tbc_/).waitFor();
    const tokens = page.getByRole('table', { name: 'Portal API tokens' });
    await tokens.getByRole('cell', { name: 'ERP reader' }).waitFor();
    await page.getByRole('button', { name: 'Invite portal user' }).click();
    await dialog(page).locator('input[name=email]').fill('controller@acme-logistics.example');
    await dialog(page).locator('input[name=name]').fill('Acme controller');
    await dialog(page).getByRole('button', { name: 'Invite portal user' }).click();
    await page.getByText(/Invitation created.*accept-invitation\?token=/).waitFor();
    await page.getByRole('table', { name: 'Portal users' }).getByRole('cell', { name: 'Acme controller' }).waitFor();
    await page.screenshot({ path: `${shots}/customer-portal-access.png`, fullPage: true });
    const reader = tokens.getByRole('row').filter({ hasText: 'ERP reader' });
    await reader.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await slowPoll(() => reader.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
    await page.context().close();
  }, 60_000);

  it('shows a viewer the screens without the buttons that change data; the API refuses it anyway', async () => {
    const email = 'viewer@costa-telecom.example';
    const password = 'a viewer password';
    const invited = await apiCall<{ invitation: { path: string } }>('POST', '/users', {
      email,
      name: 'Vera Viewer',
      role: 'viewer',
    });
    const token = new URLSearchParams(invited.invitation.path.split('?')[1]).get('token');
    const accepted = await fetch(`${server.url}/api/v1/auth/accept-invitation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password }),
    });
    expect(accepted.status).toBeLessThan(300);

    const page = await (await context()).newPage();
    await signIn(page, `${server.url}/`, { email, password });
    await page.getByText('Documents issued').first().waitFor();
    expect(await page.getByRole('menuitem', { name: 'Users', exact: true }).count()).toBe(0);
    await page.getByRole('menuitem', { name: 'Customers' }).click();
    await page.getByText('Acme Logistics SL').click();
    await page.getByText(/^Outstanding: /).waitFor();
    for (const name of ['Edit', 'Issue API token', 'Invite portal user'])
      expect(await page.getByRole('button', { name }).or(page.getByRole('link', { name })).count(), name).toBe(0);
    await page.getByRole('menuitem', { name: 'Documents' }).click();
    await page.getByRole('table', { name: 'Statement' }).waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'CT-2026-00001', exact: true }).waitFor();
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await page.getByRole('row').filter({ hasText: 'CT-2026-00001' }).click();
    await page.getByRole('link', { name: 'PDF' }).waitFor();
    expect(await page.getByRole('button', { name: 'Cancel document' }).count()).toBe(0);
    await page.screenshot({ path: `${shots}/viewer-document.png` });
    await page.getByRole('menuitem', { name: 'Generation sessions', exact: true }).click();
    await page.getByRole('row').nth(1).click();
    await page.locator('a[href*="sessionId"]').filter({ hasText: /^\d+$/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Issue all' }).count()).toBe(0);
    // Called directly, with the session's own CSRF token, an action is refused for the role.
    const refusal = await page.evaluate(async () => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const all = (await (await fetch('/api/v1/documents?status=issued')).json()) as { data: Array<{ id: string }> };
      const res = await fetch('/api/v1/bulk-actions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ action: 'cancel', documentIds: [all.data[0]!.id] }),
      });
      return { status: res.status, code: ((await res.json()) as { code: string }).code };
    });
    expect(refusal).toEqual({ status: 403, code: 'FORBIDDEN' });
    await page.context().close();
  }, 60_000);

  it('cancels ticked documents with a reason, the reason checked by the API next to its field', async () => {
    const customers = await apiCall<{ data: Array<{ id: string; name: string }> }>('GET', '/customers');
    const customerId = customers.data.find((c) => c.name === 'Bodega Martín')!.id;
    const doc = await apiCall<{ id: string }>('POST', '/documents', {
      customerId,
      periodStart: '2026-05-01',
      periodEnd: '2026-05-31',
    });
    await apiCall('POST', `/documents/${doc.id}/generate`);
    await slowPoll(async () => (await apiCall<{ renderStatus: string }>('GET', `/documents/${doc.id}`)).renderStatus, {
      timeout: 30_000,
    }).toBe('created');
    await apiCall('POST', `/documents/${doc.id}/issue`);

    const page = await staffPage();
    // One document emailed from its page: the delivery is queued and shows in the document's log.
    await page.goto(`${server.url}/#/documents/${doc.id}/show`);
    await page.getByRole('button', { name: 'Send by email' }).click();
    await page.getByText('Email queued: the delivery log below follows it').waitFor();
    await page.getByRole('cell', { name: 'request', exact: true }).waitFor();
    await page.screenshot({ path: `${shots}/document-deliveries.png`, fullPage: true });
    const issued = encodeURIComponent(JSON.stringify({ status: 'issued', customerId }));
    await page.goto(`${server.url}/#/documents?filter=${issued}`);
    await page.getByRole('row').filter({ hasText: '2026-05-01' }).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Cancel', exact: true }).first().click();
    const reason = dialog(page).locator('textarea[name=reason]');
    await reason.fill('x'.repeat(1001));
    await page.getByRole('button', { name: 'Confirm' }).click();
    // Refused by the API: its message shows under the field and the dialog stays open.
    await dialog(page).getByText(/1000/).waitFor();
    await reason.fill('Billed to the wrong company');
    await page.screenshot({ path: `${shots}/documents-bulk-cancel.png` });
    await page.getByRole('button', { name: 'Confirm' }).click();
    await slowPoll(() => dialog(page).getByRole('status').textContent(), { timeout: 90_000 }).toMatch(
      /1 done, 0 refused, 0 pending of 1/,
    );
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    expect((await apiCall<{ status: string }>('GET', `/documents/${doc.id}`)).status).toBe('cancelled');
    const bulks = await apiCall<{ data: Array<{ action: string; reason: string | null }> }>('GET', '/bulk-actions');
    expect(bulks.data.find((b) => b.action === 'cancel')?.reason).toBe('Billed to the wrong company');
    await page.context().close();
  }, 120_000);

  it("assigns a rate plan from a customer's page with validity dates, changes and removes it", async () => {
    const customer = await apiCall<{ id: string }>('POST', '/customers', { name: 'Nueva Voz SL', currency: 'EUR' });
    const page = await staffPage();
    await page.goto(`${server.url}/#/customers/${customer.id}/show`);
    await page.getByText('No rate plan is assigned to this customer').waitFor();
    await page.getByRole('link', { name: 'Assign rate plan' }).click();
    await slowPoll(() => page.getByRole('combobox', { name: 'Customer' }).textContent()).toContain('Nueva Voz SL');
    await choose(page, page, 'Rate plan', 'Retail 2024');
    await page.locator('input[name=validFrom]').fill('2026-01-01');
    await page.locator('input[name=validTo]').fill('2025-12-01');
    await page.getByRole('button', { name: 'Save' }).click();
    // The API's field error shows next to the field it is about.
    await page.getByText('validTo must be after validFrom (it is exclusive)').waitFor();
    await page.screenshot({ path: `${shots}/rate-plan-assignment-error.png` });
    await page.locator('input[name=validTo]').fill('2027-01-01');
    await page.getByRole('button', { name: 'Save' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Retail 2024' });
    await row.getByRole('cell', { name: '2027-01-01' }).waitFor();
    await page.screenshot({ path: `${shots}/customer-rate-plans.png`, fullPage: true });

    // Its dates change from the row; the plan's page lists the customer among those it rates.
    await row.getByRole('link', { name: 'Edit' }).click();
    // The edit form fills itself once the record arrives; typing before that would be overwritten.
    await slowPoll(() => page.locator('input[name=validTo]').inputValue()).toBe('2027-01-01');
    await page.locator('input[name=validTo]').fill('2026-07-01');
    await page.getByRole('button', { name: 'Save' }).click();
    await row.getByRole('cell', { name: '2026-07-01' }).waitFor();
    await slowPoll(() => row.getByRole('cell', { name: '2027-01-01' }).count()).toBe(0);
    const listed = await apiCall<{ data: Array<{ ratePlanId: string; validTo: string | null }> }>(
      'GET',
      `/rate-plan-assignments?customerId=${customer.id}`,
    );
    expect(listed.data.map((a) => a.validTo)).toEqual(['2026-07-01']);
    await page.goto(`${server.url}/#/rate-plans/${listed.data[0]!.ratePlanId}/show`);
    await page.getByRole('link', { name: 'Nueva Voz SL' }).waitFor();
    await page.screenshot({ path: `${shots}/rate-plan-assignments.png`, fullPage: true });
    await page.getByRole('menuitem', { name: 'Rate plan assignments', exact: true }).click();
    await page.getByRole('link', { name: 'Nueva Voz SL' }).first().waitFor();

    await page.goto(`${server.url}/#/customers/${customer.id}/show`);
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('No rate plan is assigned to this customer').waitFor();
    expect(
      (await apiCall<{ data: unknown[] }>('GET', `/rate-plan-assignments?customerId=${customer.id}`)).data,
    ).toEqual([]);
    // Without billing history the customer itself can be deleted.
    await page.goto(`${server.url}/#/customers/${customer.id}`);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('link', { name: 'Create' }).waitFor();
    const gone = await fetch(`${server.url}/api/v1/customers/${customer.id}`, {
      headers: { authorization: `Bearer ${server.demo.apiKey}` },
    });
    expect(gone.status).toBe(404);
    await page.context().close();
  }, 90_000);

  it('lists refused usage rows of the tenant with their reasons, reprocesses one after a fix and discards another', async () => {
    const call = (externalId: string, accountCode: string) => ({
      externalId,
      source: 'e2e-switch',
      accountCode,
      startedAt: '2026-10-05T10:00:00Z',
      durationSeconds: 61,
      direction: 'outbound',
      external: true,
      // A number no customer has: the account code alone decides whose call it is.
      caller: '34999000001',
      callee: '34600000009',
    });
    const sent = await apiCall<{ accepted: number; rejected: unknown[] }>('POST', '/usage-records', {
      records: [call('e2e-refused-1', 'LATE01'), call('e2e-refused-2', 'NOBODY')],
    });
    expect(sent.rejected).toHaveLength(2);
    // The cause of the first one is fixed: the customer with that account code now exists.
    await apiCall('POST', '/customers', { name: 'Late Line SL', accountCode: 'LATE01', currency: 'EUR' });

    const page = await staffPage();
    await page.getByRole('menuitem', { name: 'Refused usage', exact: true }).click();
    await page.locator('input[name=source]').fill('e2e-switch');
    const late = page.getByRole('row').filter({ hasText: 'LATE01' });
    const nobody = page.getByRole('row').filter({ hasText: 'NOBODY' });
    await late.waitFor();
    await nobody.waitFor();
    await page.screenshot({ path: `${shots}/usage-rejections.png` });

    await late.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Reprocess', exact: true }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Reprocessed 1 rows: 1 stored, 0 duplicates, 0 skipped, 0 ignored, 0 still refused').waitFor();
    await slowPoll(() => late.count()).toBe(0);

    await nobody.getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('1 rows discarded').waitFor();
    await page.getByText('No refused rows match these filters.').waitFor();
    await page.screenshot({ path: `${shots}/usage-rejections-done.png` });
    const stored = await apiCall<{ data: Array<{ externalId: string }> }>('GET', '/usage-records?source=e2e-switch');
    expect(stored.data.map((r) => r.externalId)).toEqual(['e2e-refused-1']);
    await page.context().close();
  }, 60_000);

  it("deletes one rate of a plan; changes a user's role, hands a reset link, ends its sessions; signs out everywhere", async () => {
    const rate = (prefix: string) => ({
      prefix,
      pricePerMinute: '0.0500',
      connectionFee: '0',
      minimumSeconds: 0,
      incrementSeconds: 60,
    });
    const plan = await apiCall<{ id: string }>('POST', '/rate-plans', {
      name: 'E2E plan',
      currency: 'EUR',
      rates: [rate('4420'), rate('4421')],
    });
    // An active user (its invitation accepted): reset links are for users who can sign in.
    const invited = await apiCall<{ invitation: { path: string } }>('POST', '/users', {
      email: 'ulla@costa-telecom.example',
      name: 'Ulla User',
      role: 'accountant',
    });
    const accepted = await fetch(`${server.url}/api/v1/auth/accept-invitation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: new URLSearchParams(invited.invitation.path.split('?')[1]).get('token'),
        password: 'an accountant password',
      }),
    });
    expect(accepted.status).toBeLessThan(300);
    const users = await apiCall<{ data: Array<{ email: string; name: string }> }>('GET', '/users');
    const me = users.data.find((u) => u.email === server.demo.staffLogin.email)!.name;

    const page = await staffPage();
    await page.goto(`${server.url}/#/rate-plans/${plan.id}/show`);
    await page.getByRole('row').filter({ hasText: '4420' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Rate deleted').waitFor();
    await slowPoll(() => page.getByRole('cell', { name: '4420', exact: true }).count()).toBe(0);
    await page.getByRole('cell', { name: '4421', exact: true }).waitFor();

    await page.getByRole('menuitem', { name: 'Users', exact: true }).click();
    const ulla = page.getByRole('row').filter({ hasText: 'Ulla User' });
    await ulla.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Every session of the user ended').waitFor();
    await ulla.getByRole('cell', { name: 'Ulla User' }).click();
    await choose(page, page, 'Role', 'viewer');
    await page.getByRole('button', { name: 'Save' }).click();
    await ulla.getByRole('cell', { name: 'viewer', exact: true }).waitFor();
    // The reset link stays on screen until dismissed: it is there to be copied and passed on.
    await ulla.getByRole('button', { name: 'Password reset link' }).click();
    await page.getByText(/Password reset link created.*reset-password\?token=/).waitFor();
    await page.screenshot({ path: `${shots}/users.png` });

    // The signed-in user ends all its own sessions from the user menu and is back at the sign-in form.
    await page.getByRole('button', { name: me }).click();
    await page.getByRole('menuitem', { name: 'Sign out on every device' }).click();
    await page.locator('input[name=username]').waitFor();
    await page.context().close();
  }, 90_000);

  it('has no serious or critical accessibility problems (axe-core) on the main screens', async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const found: Record<string, string[]> = {};
    const check = async (page: Page, screen: string) => {
      found[screen] = await page.evaluate(async () => {
        type Result = {
          violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>;
        };
        const runner = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } })
          .axe;
        const { violations } = await runner.run((globalThis as unknown as { document: unknown }).document, {
          resultTypes: ['violations'],
        });
        return violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map(
            (v) =>
              `${v.id} (${v.impact}): ${v.help} at ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join(', ')}`,
          );
      });
    };
    const page = await staffPage(axe);
    await check(page, 'dashboard');
    await page.getByRole('menuitem', { name: 'Customers' }).click();
    await page.getByText('Acme Logistics SL').waitFor();
    await check(page, 'customers');
    await page.getByText('Acme Logistics SL').click();
    await page.getByRole('table', { name: 'Statement' }).getByRole('row').nth(1).waitFor();
    await check(page, 'customer');
    await page.getByRole('menuitem', { name: 'Documents' }).click();
    await page.getByRole('table', { name: 'Statement' }).waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'CT-2026-00001', exact: true }).waitFor();
    await check(page, 'documents');
    await page.getByRole('row').filter({ hasText: 'CT-2026-00001' }).click();
    await page.getByRole('table', { name: 'Details per destination' }).waitFor();
    await check(page, 'document');
    await page.getByRole('menuitem', { name: 'Generation sessions', exact: true }).click();
    await page.getByRole('row').nth(1).waitFor();
    await check(page, 'generation sessions');
    await page.getByRole('menuitem', { name: 'Payments', exact: true }).click();
    await page.getByText('J. Doe').waitFor();
    await check(page, 'payments');
    await page.getByRole('menuitem', { name: 'Refused usage', exact: true }).click();
    await page
      .getByText(/No usage row has been refused|No refused rows match|Refused at/)
      .first()
      .waitFor();
    await check(page, 'refused usage');
    await page.getByRole('menuitem', { name: 'Rate plan assignments', exact: true }).click();
    await page
      .getByRole('columnheader', { name: 'Rate plan' })
      .or(page.getByText('No rate plan is assigned yet'))
      .first()
      .waitFor();
    await check(page, 'rate plan assignments');
    await page.context().close();

    const portal = await (await context({ width: 390, height: 800 }, axe)).newPage();
    await signIn(portal, `${server.url}/portal`, server.demo.portalLogin);
    await portal.getByText('CT-2026-00001').waitFor();
    await check(portal, 'portal');
    await portal.context().close();
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  }, 90_000);

  it('shows a customer user only its own documents in the portal, with PDF downloads', async () => {
    const ctx = await context({ width: 390, height: 800 });
    const page = await ctx.newPage();
    await signIn(page, `${server.url}/portal`, server.demo.portalLogin);
    await page.getByText('CT-2026-00001').waitFor();
    await page.screenshot({ path: `${shots}/portal.png` });
    expect(await page.getByText('CT-2026-00002').count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'PDF' }).first().click(),
    ]);
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // Another customer's document, asked for by id from the portal's own session, is not found.
    const staff = { authorization: `Bearer ${server.demo.apiKey}` };
    const all = (await (await fetch(`${server.url}/api/v1/documents?status=issued`, { headers: staff })).json()) as {
      data: unknown[];
    };
    const other = (all.data as Array<{ id: string; number: string }>).find((d) => d.number === 'CT-2026-00002')!;
    const status = await page.evaluate(async (id) => (await fetch(`/api/v1/portal/documents/${id}`)).status, other.id);
    expect(status).toBe(404);
    // A document's page: its lines and its calls per destination, searched by prefix.
    await page.getByRole('link', { name: 'CT-2026-00001' }).click();
    await page.getByRole('cell', { name: '2126', exact: true }).waitFor();
    await page.getByLabel('Prefix').fill('34%');
    await slowPoll(() => page.getByRole('cell', { name: '2126', exact: true }).count()).toBe(0);
    expect(await page.getByRole('cell', { name: '346', exact: true }).count()).toBe(1);
    await page.screenshot({ path: `${shots}/portal-document.png`, fullPage: true });
    // Its payments, with the balance above them.
    await page.goto(`${server.url}/portal#/portal-payments`);
    await page.getByText('Balance:').waitFor();
    await page.screenshot({ path: `${shots}/portal-payments.png` });
    await ctx.close();
    expect(external).toEqual([]);
  }, 60_000);
});
