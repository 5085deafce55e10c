// PDF throughput: the detailed demo invoice (Liquid render + Chromium print) N times through a
// warm pool, first one print per document, then several documents per print (renderMany), in the
// same run. Run with `npx tsx bench/pdf.ts [N] [pages] [documentsPerPrint] [footer|plain]`; defaults 60,
// 2, 10, footer. `footer` is the template as built in, with its "Page X of Y" footer (drawn on each
// document after the split when batched); `plain` leaves the footer out of both halves.
import { readdirSync, readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { findBuiltinTemplate } from '../src/documents/templates/builtin.ts';
import { renderTemplate } from '../src/documents/templates/render.ts';
import { PdfRenderer } from '../src/documents/pdf/pdf-renderer.ts';
import { demoDocumentView } from '../src/documents/view.ts';

const count = Number(process.argv[2] ?? 60);
const pages = Number(process.argv[3] ?? 2);
const documentsPerPrint = Number(process.argv[4] ?? 10);
const footer = (process.argv[5] ?? 'footer') === 'footer';
const builtin = findBuiltinTemplate('invoice-detailed', 'en').source;
const template = { source: footer ? builtin : builtin.replace(/@bottom-right\s*\{[^}]*\}/, '') };
if (template.source === builtin && !footer)
  throw new Error('the built-in template no longer has its page-number footer');
const view = demoDocumentView('en');

/** The Liquid renders one after the other: all at once, each would run into the render time limit. */
async function htmlsOf(n: number): Promise<string[]> {
  const htmls: string[] = [];
  for (let i = 0; i < n; i++) htmls.push(await renderTemplate(template.source, view));
  return htmls;
}

async function oneByOne(renderer: PdfRenderer, n: number): Promise<Buffer[]> {
  return Promise.all((await htmlsOf(n)).map((html) => renderer.render(html)));
}

async function batched(renderer: PdfRenderer, n: number): Promise<Buffer[]> {
  const results = await renderer.renderMany(await htmlsOf(n));
  return results.map((r) => {
    if (r instanceof Error) throw r;
    return r;
  });
}

/**
 * CPU seconds (user + system) used so far by this process and every process it started (Chromium
 * and its helpers), including helpers that have already exited (their time is added to the process
 * that waited for them). On a machine shared with other work, renders per CPU second is what a core
 * would deliver to this work alone; renders per wall second depends on the neighbours.
 */
function cpuSeconds(): number {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      // utime, stime, then cutime, cstime: the time of exited children this one has waited for.
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
    } catch {
      // The process ended while the list was read.
    }
  }
  const family = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents)
      if (family.has(ppid) && !family.has(pid)) {
        family.add(pid);
        grew = true;
      }
  }
  let total = 0;
  for (const pid of family) total += ticks.get(pid) ?? 0;
  return total / 100; // USER_HZ
}

async function timed(
  label: string,
  work: () => Promise<Buffer[]>,
): Promise<{ perSecond: number; perCpuSecond: number; pdfs: Buffer[] }> {
  const started = performance.now();
  const cpuBefore = cpuSeconds();
  const ownBefore = process.cpuUsage();
  const pdfs = await work();
  const cpu = cpuSeconds() - cpuBefore;
  const own = process.cpuUsage(ownBefore);
  const seconds = (performance.now() - started) / 1000;
  const perSecond = count / seconds;
  const perCpuSecond = count / cpu;
  console.log(
    `${label}: ${count} renders in ${seconds.toFixed(2)} s, ${perSecond.toFixed(1)} renders/s;` +
      ` ${cpu.toFixed(2)} CPU s (${((own.user + own.system) / 1e6).toFixed(2)} in Node),` +
      ` ${perCpuSecond.toFixed(1)} renders per CPU second (per core)`,
  );
  return { perSecond, perCpuSecond, pdfs };
}

async function main(): Promise<void> {
  const renderer = await PdfRenderer.start({ pages, documentsPerPrint });
  try {
    // Warm-up: the first prints load fonts and compile styles.
    await oneByOne(renderer, pages);
    await batched(renderer, documentsPerPrint);
    const rssBefore = process.memoryUsage().rss;
    const single = await timed(`one print per document on ${pages} pages`, () => oneByOne(renderer, count));
    const many = await timed(`${documentsPerPrint} documents per print on ${pages} pages`, () =>
      batched(renderer, count),
    );
    const pageCount = async (pdf: Buffer) => (await PDFDocument.load(pdf)).getPageCount();
    const same = (await pageCount(single.pdfs[0]!)) === (await pageCount(many.pdfs[0]!));
    console.log(
      `batched / one by one: ${(many.perSecond / single.perSecond).toFixed(2)}× by wall time,` +
        ` ${(many.perCpuSecond / single.perCpuSecond).toFixed(2)}× by CPU time; pages per document equal: ${same};` +
        ` sizes ${(single.pdfs[0]!.length / 1024).toFixed(0)} / ${(many.pdfs[0]!.length / 1024).toFixed(0)} KiB;` +
        ` RSS of this process +${((process.memoryUsage().rss - rssBefore) / 1048576).toFixed(0)} MiB`,
    );
  } finally {
    await renderer.close();
  }
}

await main();
