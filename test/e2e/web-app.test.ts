import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../src/documents/pdf/find-chromium.ts';
import { startDemoServer, type DemoServer } from './support.ts';

// The web app in headless Chromium against a real `tollbook demo --serve` on loopback: a member of
// staff signs in, opens customers and documents, creates a customer, issues the demo's draft and
// switches the app to Russian; a customer user signs in to the portal and sees only its own
// documents. Screenshots of each screen are written to .ci/out/e2e/. The app runs on the embedded
// database whatever the suite's database, so it runs once, in the embedded run.

const shots = '.ci/out/e2e';
const external: string[] = [];

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('The web app in a browser', () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [server, browser] = await Promise.all([
      startDemoServer(),
      chromium.launch({ executablePath: findChromium()!, args: CHROMIUM_ARGS.slice(0, 8) }),
    ]);
  }, 260_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A browser context that records (and refuses) any request leaving this server: no telemetry, no CDN. */
  async function context(viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport, acceptDownloads: true, locale: 'en-US' });
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith('data:')) return route.continue();
      external.push(url);
      return route.abort();
    });
    return ctx;
  }

  async function signIn(page: Page, path: string, login: { email: string; password: string }) {
    await page.goto(`${server.url}${path}`);
    await page.locator('input[name=username]').fill(login.email);
    await page.locator('input[name=password]').fill(login.password);
    await page.locator('button[type=submit]').click();
  }

  it('lets staff sign in, see the dashboard, customers and documents, and issue a draft', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(server.url);
    await page.locator('input[name=username]').waitFor();
    await page.screenshot({ path: `${shots}/sign-in.png` });
    await signIn(page, '/', { email: server.demo.staffLogin.email, password: 'wrong password' });
    await expect.poll(() => page.getByText('The email or the password is wrong').count()).toBe(1);
    await signIn(page, '/', server.demo.staffLogin);
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

  it('shows a customer user only its own documents in the portal, with PDF downloads', async () => {
    const ctx = await context({ width: 390, height: 800 });
    const page = await ctx.newPage();
    await signIn(page, '/portal', server.demo.portalLogin);
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
    await ctx.close();
    expect(external).toEqual([]);
  }, 60_000);
});
