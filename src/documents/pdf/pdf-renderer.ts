import type { Browser, BrowserContext, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.ts';
import { PDFDocument } from 'pdf-lib';
import { combinedPage, countersOf, printRuns, splitByMarkers, titlesOf } from './batch-print.ts';
import { counterSheet, counterStamps } from './page-counters.ts';
import type { CounterStamps } from './page-counters.ts';
import { printLayoutOnly } from './print-layout-only.ts';

// Launching Chromium costs a few hundred milliseconds and opening a page tens more, while
// printing one invoice takes less; so one browser is kept running with a fixed number of warm
// pages, and renders wait their turn for a page. The HTML comes from user-editable templates, so
// each page is shut off from the network and runs no scripts (unless a caller opts in).

export interface PdfRendererOptions {
  /** How many renders may run at once; each holds one open page. */
  pages?: number;
  /** Defaults to $CHROMIUM_PATH, then the usual system locations. */
  executablePath?: string;
  /** Page scripts are off by default: templates are documents, not applications. */
  javaScriptEnabled?: boolean;
  /** Limit for loading the HTML into the page, in milliseconds. */
  timeoutMs?: number;
  /** Limit for printing a loaded page, in milliseconds (default 60 s); the page is closed after it. */
  printTimeoutMs?: number;
  /** How many documents of one template renderMany prints in one page load (default 10). */
  documentsPerPrint?: number;
}

interface Session {
  browser: Browser;
  context: BrowserContext;
  idle: Page[];
}

/** A counting semaphore whose waiters are served first come, first served. */
class Slots {
  private readonly waiters: Array<() => void> = [];

  public constructor(private free: number) {}

  public async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  public release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.free++;
  }
}

export class PdfRenderer {
  private session: Session | null = null;
  private launching: Promise<Session> | null = null;
  private closed = false;
  private readonly slots: Slots;
  private readonly pageCount: number;
  /** Counter sheets by their CSS and page count: documents of one template mostly share a few. */
  private readonly sheets = new Map<string, Promise<CounterStamps>>();

  private constructor(private readonly options: PdfRendererOptions) {
    this.pageCount = Math.max(1, Math.trunc(options.pages ?? 2));
    this.slots = new Slots(this.pageCount);
  }

  /** Launches the browser and opens the page pool, so that the first render is already warm. */
  public static async start(options: PdfRendererOptions = {}): Promise<PdfRenderer> {
    const renderer = new PdfRenderer(options);
    await renderer.currentSession();
    return renderer;
  }

  /**
   * Prints a complete HTML page to an A4 PDF. When the browser or the page dies during the render
   * (a crash, an OOM kill), it is retried once on a freshly launched browser.
   */
  public async render(html: string): Promise<Buffer> {
    if (this.closed) throw new Error('PdfRenderer is closed');
    await this.slots.acquire();
    try {
      try {
        return await this.renderOnce(html);
      } catch (error) {
        if (!(error instanceof BrowserGoneError) || this.closed) throw unwrap(error);
        return await this.renderOnce(html).catch((retryError: unknown) => Promise.reject(unwrap(retryError)));
      }
    } finally {
      this.slots.release();
    }
  }

  /**
   * Prints many pages, answering each one's PDF or the error that page alone caused. Pages of the
   * same template are printed several to a page load (see batch-print.ts), which costs Chromium
   * far less than a print each; when a combined print fails in any way its pages are printed one
   * by one, so a template that breaks or hangs only fails itself, never its neighbours.
   */
  public async renderMany(htmls: readonly string[]): Promise<Array<Buffer | Error>> {
    const out: Array<Buffer | Error> = new Array(htmls.length);
    const alone = async (index: number) => {
      out[index] = await this.render(htmls[index]!).catch((error: unknown) =>
        error instanceof Error ? error : new Error(String(error)),
      );
    };
    await Promise.all(
      printRuns(htmls, this.options.documentsPerPrint ?? 10).map(async (run) => {
        if (run.length === 1) return alone(run[0]!);
        const nonce = randomUUID().slice(0, 8);
        const markers = run.map((_, i) => `tollbook-${nonce}-${i}`);
        try {
          const pages = run.map((i) => htmls[i]!);
          const combined = await this.render(combinedPage(pages, (i) => markers[i]!));
          const counters = countersOf(pages[0]!);
          const sheet = counters === null ? undefined : (n: number) => this.counterSheet(counters, n);
          const parts = await splitByMarkers(combined, markers, titlesOf(pages), sheet);
          run.forEach((index, i) => (out[index] = parts[i]!));
        } catch {
          await Promise.all(run.map(alone));
        }
      }),
    );
    return out;
  }

  /** The printed counter sheet of `pages` pages for this CSS, kept for the next documents. */
  private counterSheet(css: string, pages: number): Promise<CounterStamps> {
    const key = `${pages}\u0000${css}`;
    let sheet = this.sheets.get(key);
    if (!sheet) {
      sheet = this.render(counterSheet(css, pages)).then(async (pdf) =>
        counterStamps(await PDFDocument.load(pdf, { updateMetadata: false })),
      );
      sheet.catch(() => this.sheets.delete(key));
      if (this.sheets.size >= SHEETS_KEPT) this.sheets.delete(this.sheets.keys().next().value!);
      this.sheets.set(key, sheet);
    }
    return sheet;
  }

  private async renderOnce(html: string): Promise<Buffer> {
    const session = await this.currentSession();
    const page = session.idle.pop() ?? (await openPage(session.context, this.options));
    try {
      await page.setContent(printLayoutOnly(html), { waitUntil: 'load', timeout: this.options.timeoutMs ?? 30_000 });
      return await this.printWithinLimit(page);
    } catch (error) {
      if (error instanceof PrintTimeoutError) throw error;
      if (!session.browser.isConnected() || crashed.has(page) || page.isClosed()) throw new BrowserGoneError(error);
      throw error;
    } finally {
      this.giveBack(session, page);
    }
  }

  /**
   * Chromium's print has no limit of its own: a page heavy enough (within the template limits)
   * would hold its slot for ever. Closing the page is the only way to stop it; the closed page is
   * then left out of the pool by giveBack.
   */
  private async printWithinLimit(page: Page): Promise<Buffer> {
    const limit = this.options.printTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void page.close().catch(() => undefined);
        reject(new PrintTimeoutError(limit));
      }, limit);
    });
    try {
      return await Promise.race([page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }), expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  public async close(): Promise<void> {
    this.closed = true;
    const session = this.session ?? (await this.launching?.catch(() => null)) ?? null;
    this.session = null;
    if (session) await session.browser.close().catch(() => undefined);
  }

  /** The running browser, relaunched when the previous one crashed or was killed. */
  private async currentSession(): Promise<Session> {
    if (this.session && this.session.browser.isConnected()) return this.session;
    this.session = null;
    this.launching ??= this.launch().finally(() => {
      this.launching = null;
    });
    return this.launching;
  }

  private async launch(): Promise<Session> {
    const executablePath = this.options.executablePath ?? findChromium();
    if (!executablePath) {
      const configured = process.env.CHROMIUM_PATH;
      throw new Error(
        configured
          ? `CHROMIUM_PATH=${configured} is not an executable file`
          : 'Chromium not found: install the "chromium" package or set CHROMIUM_PATH',
      );
    }
    // Loaded on first use: it is the heaviest module of the process, and a server that renders
    // nothing (an API-only role, a restart after a crash) starts seconds sooner without it.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({
        javaScriptEnabled: this.options.javaScriptEnabled ?? false,
        serviceWorkers: 'block',
        acceptDownloads: false,
      });
      // Only inline data may load; anything else a template points at (http, file, ws) fails.
      await context.route('**/*', (route) =>
        route.request().url().startsWith('data:') ? route.continue() : route.abort(),
      );
      await context.routeWebSocket(
        () => true,
        (socket) => socket.close(),
      );
      const pages = await Promise.all(Array.from({ length: this.pageCount }, () => openPage(context, this.options)));
      const session: Session = { browser, context, idle: pages };
      browser.on('disconnected', () => {
        if (this.session === session) this.session = null;
      });
      if (this.closed) throw new Error('PdfRenderer was closed while starting');
      this.session = session;
      return session;
    } catch (error) {
      await browser.close().catch(() => undefined);
      throw error;
    }
  }

  /** Returns a page to the pool, unless it died or belongs to a browser that is gone. */
  private giveBack(session: Session, page: Page): void {
    if (this.session === session && !page.isClosed() && !crashed.has(page)) {
      session.idle.push(page);
      return;
    }
    void page.close().catch(() => undefined);
  }
}

const crashed = new WeakSet<Page>();

/** How many counter sheets stay printed; the oldest goes first. */
const SHEETS_KEPT = 32;

/** A print that ran past its limit: the page's own fault, so it is not retried. */
export class PrintTimeoutError extends Error {
  public constructor(public readonly limitMs: number) {
    super(`printing the page took longer than ${limitMs} ms`);
  }
}

/** Marks a failure caused by the browser or page going away rather than by the HTML. */
class BrowserGoneError extends Error {
  public constructor(public readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

function unwrap(error: unknown): unknown {
  return error instanceof BrowserGoneError ? error.original : error;
}

async function openPage(context: BrowserContext, options: PdfRendererOptions): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeoutMs ?? 30_000);
  page.on('crash', () => crashed.add(page));
  return page;
}
