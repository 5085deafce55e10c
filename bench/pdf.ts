// PDF throughput: the detailed demo invoice (Liquid render + Chromium print) N times through a
// warm pool, first one print per document, then several documents per print (renderMany), in the
// same run. Run with `npx tsx bench/pdf.ts [N] [pages] [documentsPerPrint] [footer|plain]`; defaults 60,
// 2, 10, footer. `footer` is the template as built in, with its "Page X of Y" footer (drawn on each
// document after the split when batched); `plain` leaves the footer out of both halves.
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

async function oneByOne(renderer: PdfRenderer, n: number): Promise<Buffer[]> {
  return Promise.all(
    Array.from({ length: n }, async () => renderer.render(await renderTemplate(template.source, view))),
  );
}

async function batched(renderer: PdfRenderer, n: number): Promise<Buffer[]> {
  const htmls = await Promise.all(Array.from({ length: n }, () => renderTemplate(template.source, view)));
  const results = await renderer.renderMany(htmls);
  return results.map((r) => {
    if (r instanceof Error) throw r;
    return r;
  });
}

async function timed(label: string, work: () => Promise<Buffer[]>): Promise<{ perSecond: number; pdfs: Buffer[] }> {
  const started = performance.now();
  const pdfs = await work();
  const seconds = (performance.now() - started) / 1000;
  const perSecond = count / seconds;
  console.log(`${label}: ${count} renders in ${seconds.toFixed(2)} s, ${perSecond.toFixed(1)} renders/s`);
  return { perSecond, pdfs };
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
      `batched / one by one: ${(many.perSecond / single.perSecond).toFixed(2)}×; pages per document equal: ${same};` +
        ` sizes ${(single.pdfs[0]!.length / 1024).toFixed(0)} / ${(many.pdfs[0]!.length / 1024).toFixed(0)} KiB;` +
        ` RSS of this process +${((process.memoryUsage().rss - rssBefore) / 1048576).toFixed(0)} MiB`,
    );
  } finally {
    await renderer.close();
  }
}

await main();
