import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../src/documents/pdf/find-chromium.ts';
import { demoApi, loopbackContext, signIn, startDemoServer, type DemoServer } from './support.ts';

// Usage sources (rules, watermark, reclassify), usage totals, webhook events and their replay, the
// document-totals report with the exports, "forgot password" and the reset link's page, and the
// portal's statement on a phone, in headless Chromium against one `tollbook demo --serve`.

const shots = '.ci/out/e2e';
const slowPoll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const external: string[] = [];

describe('Usage, webhook events, reports and accounts in the browser', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [server, browser] = await Promise.all([
      startDemoServer(),
      chromium.launch({ executablePath: findChromium()!, args: CHROMIUM_ARGS.slice(0, 8) }),
    ]);
    // No scheduled generation while the scenario runs.
    await apiCall('PUT', '/settings/generation-schedules', { skipMissingInvoices: true, schedules: [] });
    // Signed in here, not in the first test: under a loaded CI the dashboard's first load is slow.
    await staffPage();
  }, 440_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const context = (viewport?: { width: number; height: number }) =>
    loopbackContext(browser, server, external, { viewport });
  const apiCall = <T>(method: string, path: string, body?: unknown) => demoApi(server)<T>(method, path, body);

  let staff: Page;
  async function staffPage(): Promise<Page> {
    if (staff) return staff;
    staff = await (await context()).newPage();
    await signIn(staff, `${server.url}/`, server.demo.staffLogin);
    await staff.getByText('Documents issued').first().waitFor();
    return staff;
  }

  const dialog = (page: Page) => page.getByRole('dialog');
  async function choose(page: Page, within: Page | ReturnType<Page['getByRole']>, label: string, option: string) {
    await within.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option }).first().click();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
  }
  /** The helper text under an input, where the API's field error is shown. */
  const under = (page: Page, name: string) =>
    page.locator(`[id="${name}-helper-text"], :has(> [name="${name}"]) ~ p.Mui-error`).first();

  it('edits a source’s classification rules (a refused field shown under it), sets its watermark and reclassifies', async () => {
    const sent = await apiCall<{ accepted: number }>('POST', '/usage-records', {
      records: ['e2e-pbx-1', 'e2e-pbx-2'].map((externalId, i) => ({
        externalId,
        source: 'e2e-pbx',
        accountCode: 'ACME01',
        startedAt: `2026-10-0${i + 3}T10:00:00Z`,
        durationSeconds: 90,
        caller: '34911000001',
        callee: i === 0 ? '34600000009' : '12345678',
      })),
    });
    expect(sent.accepted).toBe(2);

    const page = await staffPage();
    await page.getByRole('menuitem', { name: 'Usage sources' }).click();
    await page.getByRole('cell', { name: 'e2e-pbx' }).click();
    await page.getByText('No rules: a short callee').waitFor();

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('button', { name: 'Add' }).click();
    // "dst" is a field of Asterisk rows, not of this source's format (csv): the API says so under it.
    await page.locator('input[name="rules.0.field"]').fill('dst');
    await choose(page, page, 'Match', 'prefix');
    await page.locator('input[name="rules.0.pattern"]').fill('1234');
    await choose(page, page, 'Then the call is', 'Outbound, internal');
    await page.getByRole('button', { name: 'Save' }).click();
    await slowPoll(() => page.getByText('format csv has no field "dst"').count()).toBe(1);
    await page.screenshot({ path: `${shots}/usage-source-rule-error.png` });
    await page.locator('input[name="rules.0.field"]').fill('callee');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'callee' }).waitFor();
    await page.getByRole('cell', { name: 'Outbound, internal' }).waitFor();

    await page.getByRole('button', { name: 'Set watermark' }).click();
    await dialog(page).locator('input[name=watermark]').fill('2026-10-31');
    await dialog(page).getByRole('button', { name: 'Set watermark' }).click();
    await page.getByText('Watermark saved').waitFor();

    // The new rule makes the call to 12345678 internal (outbound external when it arrived).
    await page.getByRole('button', { name: 'Reclassify calls' }).click();
    await dialog(page).locator('input[name=fromDay]').fill('2026-10-01');
    await dialog(page).locator('input[name=toDay]').fill('2026-10-31');
    await dialog(page).getByRole('button', { name: 'Reclassify calls' }).click();
    await page.getByText(/Reclassified: 2 calls read, 1 changed/).waitFor();
    await page.screenshot({ path: `${shots}/usage-source.png` });

    await page.getByRole('menuitem', { name: 'Usage sources' }).click();
    // The list shows the watermark just set (the row's other date, when it was updated, is today).
    await page.getByRole('row').filter({ hasText: 'e2e-pbx' }).getByText('10/31/2026').waitFor();
  }, 180_000);

  it('shows usage totals per destination and per currency for the filters', async () => {
    const page = await staffPage();
    await page.getByRole('menuitem', { name: 'Usage totals' }).click();
    await page
      .getByText(/^Total EUR$/)
      .first()
      .waitFor();
    // Counts are shown with the locale's digit grouping (4,512).
    const count = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));
    const all = count(
      await page.getByRole('row').filter({ hasText: 'Total EUR' }).getByRole('cell').nth(1).textContent(),
    );
    expect(all).toBeGreaterThan(2);
    // Only the source sent above: its two calls, summed over the currencies (an unrated one has none).
    await page.locator('input[name=source]').fill('e2e-pbx');
    const calls = async () => {
      const rows = page.getByRole('row').filter({ hasText: /Total / });
      const counts = await rows.evaluateAll((trs) => trs.map((tr) => tr.children[1]?.textContent ?? ''));
      return counts.map(count).reduce((a, b) => a + b, 0);
    };
    await slowPoll(calls).toBe(2);
    await page.screenshot({ path: `${shots}/usage-totals.png` });
  }, 60_000);

  it('lists webhook events, shows one with its deliveries and replays it to an endpoint', async () => {
    const page = await staffPage();
    await page.getByRole('menuitem', { name: 'Webhook events' }).click();
    await choose(page, page, 'Type', 'payment.received');
    await slowPoll(() => page.getByRole('cell', { name: 'document.issued' }).count()).toBe(0);
    await page.getByRole('cell', { name: 'payment.received' }).first().click();
    await page.getByText('"type": "payment.received"').waitFor();
    const before = await page.getByRole('row').filter({ hasText: '127.0.0.1:8787' }).count();
    await page.getByRole('button', { name: 'Replay' }).click();
    await choose(page, dialog(page), 'Endpoint', 'http://127.0.0.1:8787/tollbook-webhooks');
    await dialog(page).getByRole('button', { name: 'Replay' }).click();
    await page.getByText('Sent again: 1 delivery queued').waitFor();
    await slowPoll(() => page.getByRole('row').filter({ hasText: '127.0.0.1:8787' }).count()).toBe(before + 1);
    await page.screenshot({ path: `${shots}/webhook-event.png` });
  }, 60_000);

  it('totals issued invoices in a chosen currency (a wrong code said under the field) and downloads the exports', async () => {
    const page = await staffPage();
    await page.getByRole('menuitem', { name: 'Reports' }).click();
    const totals = page.getByRole('region', { name: 'Issued invoices in one currency' });
    await totals.getByText(/\d+ issued documents/).waitFor();
    await page.locator('input[name=currency]').fill('EURO');
    await page.getByRole('button', { name: 'Show' }).click();
    await under(page, 'currency').filter({ hasText: 'not an ISO 4217 currency code' }).waitFor();
    await page.locator('input[name=currency]').fill('EUR');
    await page.getByRole('button', { name: 'Show' }).click();
    await totals.getByText(/^Net: [\d.]+ EUR$/).waitFor();
    await page.screenshot({ path: `${shots}/reports-totals.png`, fullPage: true });

    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
      return readFileSync((await file.path())!);
    };
    expect((await download('Accounting export')).toString('utf8')).toContain('КоммерческаяИнформация');
    const lines = await download('Document lines');
    expect(lines.subarray(0, 2).toString()).toBe('PK');
    await choose(page, page, 'Table format', 'CSV');
    expect((await download('Payments')).toString('utf8').split('\n')[0]).toMatch(/amount/i);
  }, 60_000);

  it('asks for a reset link from the sign-in form and sets a new password from the link', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    // Longer than any email address: the API's error is shown under the field.
    await page.locator('input[name=reset-email]').fill(`${'x'.repeat(250)}@example.com`);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await under(page, 'reset-email').filter({ hasText: /254/ }).waitFor();
    await page.locator('input[name=reset-email]').fill(server.demo.staffLogin.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('If an account uses this email, a link to choose a new password is on its way').waitFor();
    await page.screenshot({ path: `${shots}/forgot-password.png` });

    // No mail server is configured in the demo: an admin hands the link out, the user opens it.
    const invited = await apiCall<{ user: { id: string }; invitation: { path: string } }>('POST', '/users', {
      email: 'rita@costa-telecom.example',
      name: 'Rita Reset',
      role: 'viewer',
    });
    const token = (path: string) => new URLSearchParams(path.split('?')[1]).get('token');
    const accepted = await fetch(`${server.url}/api/v1/auth/accept-invitation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: token(invited.invitation.path), password: 'the first password' }),
    });
    expect(accepted.status).toBeLessThan(300);
    const link = await apiCall<{ path: string }>('POST', `/users/${invited.user.id}/password-reset`);
    await page.goto(`${server.url}${link.path}`);
    await page.locator('input[name=new-password]').fill('short');
    await page.getByRole('button', { name: 'Save' }).click();
    await under(page, 'new-password').filter({ hasText: /10/ }).waitFor();
    await page.locator('input[name=new-password]').fill('a brand new password');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Your password is saved.').waitFor();
    await page.getByRole('link', { name: 'Continue' }).click();
    await signIn(page, `${server.url}/`, { email: 'rita@costa-telecom.example', password: 'a brand new password' });
    await page.getByText('Documents issued').first().waitFor();
    await ctx.close();
  }, 60_000);

  it("shows the customer's statement with its running balance in the portal at 390 px", async () => {
    const ctx = await context({ width: 390, height: 800 });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/portal`);
    await page.getByRole('button', { name: 'Forgot your password?' }).waitFor();
    await signIn(page, `${server.url}/portal`, server.demo.portalLogin);
    await page.getByText('CT-2026-00001').waitFor();
    await page.goto(`${server.url}/portal#/portal-statement`);
    await page.getByText(/^Opening balance: /).waitFor();
    const statement = page.getByRole('list', { name: 'Statement' });
    await statement
      .getByText(/Document CT-2026-00001/)
      .first()
      .waitFor();
    // A document adds to the balance: "+268.57 → Balance 134.28".
    await statement
      .getByText(/^\+[\d.]+ → Balance -?[\d.]+$/)
      .first()
      .waitFor();
    const closing = await page.getByText(/^Closing balance: /).textContent();
    // The last entry's running balance is the closing balance.
    const last = await statement
      .getByText(/Balance -?[\d.]+$/)
      .last()
      .textContent();
    expect(closing).toContain(` ${last!.split('Balance ')[1]!.trim()} `);
    // Nothing fits sideways: the page is no wider than the phone.
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${shots}/portal-statement.png`, fullPage: true });
    // A later start: the opening balance moves, the entries before it leave.
    await page.locator('input[name=statement-from]').fill('2099-01-01');
    await page.getByText('Nothing between these dates.').waitFor();
    await ctx.close();
    expect(external).toEqual([]);
  }, 60_000);
});
