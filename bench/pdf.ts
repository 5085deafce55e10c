// PDF throughput: the detailed demo invoice (Liquid render + Chromium print) N times through a
// warm pool. Run with `npx tsx bench/pdf.ts [N] [pages]`; defaults to 60 renders on 2 pages.
import { findBuiltinTemplate } from '../src/documents/templates/builtin.ts';
import { renderTemplate } from '../src/documents/templates/render.ts';
import { PdfRenderer } from '../src/documents/pdf/pdf-renderer.ts';
import { demoDocumentView } from '../src/documents/view.ts';

const count = Number(process.argv[2] ?? 60);
const pages = Number(process.argv[3] ?? 2);
const template = findBuiltinTemplate('invoice-detailed', 'en');
const view = demoDocumentView('en');

async function renderOne(renderer: PdfRenderer): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const html = await renderTemplate(template.source, view);
  const pdf = await renderer.render(html);
  return { ms: performance.now() - started, bytes: pdf.length };
}

async function main(): Promise<void> {
  const launchStarted = performance.now();
  const renderer = await PdfRenderer.start({ pages });
  const launchMs = performance.now() - launchStarted;
  try {
    // Warm-up: the first prints load fonts and compile styles.
    await Promise.all(Array.from({ length: pages }, () => renderOne(renderer)));
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: count }, () => renderOne(renderer)));
    const seconds = (performance.now() - started) / 1000;
    const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
    const pick = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    console.log(`launch ${launchMs.toFixed(0)} ms; ${count} renders on ${pages} pages in ${seconds.toFixed(2)} s`);
    console.log(
      `${(count / seconds).toFixed(1)} renders/s; PDF ${(results[0].bytes / 1024).toFixed(0)} KiB;` +
        ` latency incl. queueing p50 ${pick(0.5).toFixed(0)} ms, p95 ${pick(0.95).toFixed(0)} ms`,
    );
  } finally {
    await renderer.close();
  }
}

await main();
