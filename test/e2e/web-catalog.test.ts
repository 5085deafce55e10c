import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../src/documents/pdf/find-chromium.ts';
import { demoApi, loopbackContext, signIn, startDemoServer, type DemoServer } from './support.ts';

// The catalog and document-making screens of the admin app in headless Chromium against one
// `tollbook demo --serve`: products and invoicing schemes created, changed and deleted (the API's
// field errors beside the inputs), a document made by hand from a customer's page with a fixed cost
// added and removed, the next document's dry run, the scheme that applies to a customer and to a
// subscription, a document rendered again, a single rate added and changed, no Delete where the API
// has none, and list footers that name the page instead of a total the API never gives.

const shots = '.ci/out/e2e';
const slowPoll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

describe('The catalog and document screens in a browser', () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  const external: string[] = [];

  const apiCall = <T>(method: string, path: string, body?: unknown) => demoApi(server)<T>(method, path, body);

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [server, browser] = await Promise.all([
      startDemoServer(),
      chromium.launch({ executablePath: findChromium()!, args: CHROMIUM_ARGS.slice(0, 8) }),
    ]);
    // No scheduled generation while the scenario runs (the server runs due work after a minute).
    await apiCall('PUT', '/settings/generation-schedules', { skipMissingInvoices: true, schedules: [] });
    const ctx = await loopbackContext(browser, server, external, { viewport: { width: 1280, height: 900 } });
    page = await ctx.newPage();
    await signIn(page, server.url, server.demo.staffLogin);
    await page.getByText('Documents issued').first().waitFor();
  }, 440_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    expect(external).toEqual([]);
  });

  const open = (hash: string) => page.goto(`${server.url}/#/${hash}`);
  const dialog = () => page.getByRole('dialog');
  async function choose(within: Page | Locator, label: string, option: string) {
    await within.getByRole('combobox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option }).first().click();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
  }

  it('creates, changes and deletes a product, with the API field error beside its input', async () => {
    await page.getByRole('menuitem', { name: 'Products' }).click();
    await page.getByText('SIP trunk, 10 channels').waitFor();
    // A short list names its page and no total (the API pages with cursors and never counts).
    expect(await page.getByTestId('page-info').textContent()).toBe('Page 1');
    await page.getByRole('link', { name: 'Create' }).click();
    await page.locator('input[name=code]').fill('FAX');
    await page.locator('input[name=name]').fill('Fax to email');
    await choose(page, 'Period', 'month');
    await page.locator('input[name=price]').fill('4,50');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('must be a decimal string with at most 14 integer digits and 6 decimals').waitFor();
    await page.locator('input[name=price]').fill('4.50');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Edit' }).waitFor();
    await page.getByText('Fax to email', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.locator('input[name=price]').fill('5.00');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('5.00', { exact: true }).waitFor();
    await page.screenshot({ path: `${shots}/product.png` });
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('SIP trunk, 10 channels').waitFor();
    await slowPoll(() => page.getByText('Fax to email', { exact: true }).count()).toBe(0);
  }, 60_000);

  it('creates, changes and deletes an invoicing scheme; the API names the missing numbering', async () => {
    await page.getByRole('menuitem', { name: 'Invoicing schemes' }).click();
    await page.getByText('Retail').first().waitFor();
    await page.getByRole('link', { name: 'Create' }).click();
    await page.locator('input[name=name]').fill('Wholesale');
    await page.getByRole('button', { name: 'Save' }).click();
    // The API's refusal lands under the numbering input it is about.
    await page.locator('.Mui-error').getByText('is required').waitFor();
    await choose(page, 'Invoice numbering', 'Scheme invoices');
    await page.locator('input[name=paymentTermsDays]').fill('45');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Edit' }).waitFor();
    await page.getByText('45', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.locator('input[name=taxRate]').fill('abc');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .locator('.Mui-error')
      .getByText(/must be/)
      .waitFor();
    await page.locator('input[name=taxRate]').fill('10');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Edit' }).waitFor();
    await page.getByText('10', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Retail').first().waitFor();
    await slowPoll(() => page.getByText('Wholesale').count()).toBe(0);
  }, 60_000);

  it("makes a document from a customer's page after a dry run, and adds and removes a fixed cost", async () => {
    const customer = await apiCall<{ id: string }>('POST', '/customers', { name: 'Harbour Ferries SL' });
    await open(`customers/${customer.id}/show`);
    // The scheme that applies and the level it came from.
    await page
      .getByTestId('resolved-scheme')
      .getByText(/from the (tenant default|customer)/)
      .waitFor();

    // Dry run: a period that has not ended is refused with the API's reason; last month is computed.
    await page.getByRole('button', { name: 'Dry run' }).click();
    await dialog().locator('input[name=periodEnd]').fill('2099-01-31');
    await dialog().getByRole('button', { name: 'Dry run' }).click();
    await page.getByText(/The period must end before today/).waitFor();
    await dialog().locator('input[name=periodEnd]').fill('2026-11-30');
    await dialog().locator('input[name=periodStart]').fill('2026-11-01');
    await dialog().getByRole('button', { name: 'Dry run' }).click();
    await page.getByText('nothing was stored').waitFor();
    await page
      .getByTestId('next-document-totals')
      .getByText(/= 0(\.00)? EUR/)
      .waitFor();

    await page.getByRole('link', { name: 'New document' }).click();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Customer' }).textContent())
      .toContain('Harbour Ferries');
    await page.locator('input[name=periodStart]').fill('2026-11-01');
    await page.locator('input[name=periodEnd]').fill('2026-11-30');
    await page.locator('input[name=taxRate]').fill('ten');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .locator('.Mui-error')
      .getByText(/must be/)
      .waitFor();
    await page.locator('input[name=taxRate]').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Add fixed cost' }).waitFor();
    await page.getByText('draft', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Add fixed cost' }).click();
    await choose(dialog(), 'Fixed cost', 'Line rental');
    await dialog().locator('input[name=quantity]').fill('two');
    await dialog().getByRole('button', { name: 'Add fixed cost' }).click();
    await dialog()
      .locator('.Mui-error')
      .getByText(/must be/)
      .waitFor();
    await dialog().locator('input[name=quantity]').fill('2');
    await dialog().getByRole('button', { name: 'Add fixed cost' }).click();
    await page.getByText('Fixed cost added').waitFor();
    await page.getByRole('cell', { name: 'Line rental' }).first().waitFor();
    await page.screenshot({ path: `${shots}/document-by-hand.png` });
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Fixed cost removed').waitFor();
    await slowPoll(() => page.getByRole('button', { name: 'Remove' }).count()).toBe(0);
  }, 90_000);

  it('renders an issued document again and shows the scheme that applies to a subscription', async () => {
    const issued = await apiCall<{ data: Array<{ id: string }> }>('GET', '/documents?status=issued&type=invoice');
    await open(`documents/${issued.data[0]!.id}/show`);
    await page.getByRole('button', { name: 'Render again' }).click();
    await page.getByText('The PDF is being rendered again').waitFor();
    // The page follows the render until it is done and the PDF link is back.
    await expect.poll(() => page.getByText('created', { exact: true }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'PDF' }).waitFor();

    const subscription = (await apiCall<{ data: Array<{ id: string }> }>('GET', '/subscriptions')).data[0]!;
    const resolved = await apiCall<{ scheme: { name: string } | null }>(
      'GET',
      `/subscriptions/${subscription.id}/invoicing-scheme`,
    );
    await open(`subscriptions/${subscription.id}/show`);
    await page.getByText('Invoicing scheme that applies').waitFor();
    await page
      .getByTestId('resolved-scheme')
      .getByText(resolved.scheme?.name ?? 'No invoicing scheme applies')
      .first()
      .waitFor();
  }, 60_000);

  it('adds a rate to a plan and changes it, with the field error beside its input', async () => {
    const plans = await apiCall<{ data: Array<{ id: string }> }>('GET', '/rate-plans');
    await open(`rate-plans/${plans.data[0]!.id}/show`);
    await page.getByRole('button', { name: 'Add rate' }).click();
    await dialog().locator('input[name=prefix]').fill('8819');
    await dialog().locator('input[name=pricePerMinute]').fill('cheap');
    await dialog().getByRole('button', { name: 'Add rate' }).click();
    await dialog()
      .locator('.Mui-error')
      .getByText(/must be a non-negative decimal/)
      .waitFor();
    await dialog().locator('input[name=pricePerMinute]').fill('1.2500');
    await dialog().getByRole('button', { name: 'Add rate' }).click();
    await page.getByText('Rate saved').waitFor();
    const row = () => page.getByRole('row').filter({ hasText: '8819' });
    await row()
      .getByText(/^1\.25/)
      .waitFor();
    await row().getByRole('button', { name: 'Change rate' }).click();
    expect(await dialog().locator('input[name=prefix]').getAttribute('readonly')).not.toBeNull();
    await dialog().locator('input[name=pricePerMinute]').fill('0.9000');
    await dialog().getByRole('button', { name: 'Change rate' }).click();
    await row().getByText(/^0\.9/).waitFor();

    // A rate plan cannot be deleted through the API: its edit page offers no Delete.
    await open(`rate-plans/${plans.data[0]!.id}`);
    await page.getByRole('button', { name: 'Save' }).waitFor();
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    const costs = await apiCall<{ data: Array<{ id: string }> }>('GET', '/fixed-costs');
    await open(`fixed-costs/${costs.data[0]!.id}`);
    await page.getByRole('button', { name: 'Save' }).waitFor();
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    // A destination can: its Delete stays.
    await page.getByRole('menuitem', { name: 'Destinations' }).click();
    await page.getByRole('row').nth(1).click();
    await page.getByRole('button', { name: 'Delete' }).waitFor();
  }, 60_000);

  it('names the page of a long list and whether more follow, never a total', async () => {
    await page.getByRole('menuitem', { name: 'Usage', exact: true }).click();
    await slowPoll(() => page.getByTestId('page-info').textContent()).toBe('Page 1 · more');
    await page.getByRole('button', { name: 'Next' }).click();
    await slowPoll(() => page.getByTestId('page-info').textContent()).toMatch(/^Page 2/);
    await page.screenshot({ path: `${shots}/paged-usage.png` });
  }, 30_000);
});
