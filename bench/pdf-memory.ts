// PDF memory: renders the detailed invoice N times in batches (as render workers do) and reports
// the resident memory of this process and of every Chromium process after 100 documents and after
// N. Run with `npx tsx bench/pdf-memory.ts [N]`; defaults to 10,000.
import { execFileSync } from 'node:child_process';
import { findBuiltinTemplate } from '../src/documents/templates/builtin.ts';
import { renderTemplate } from '../src/documents/templates/render.ts';
import { PdfRenderer } from '../src/documents/pdf/pdf-renderer.ts';
import { demoDocumentView } from '../src/documents/view.ts';

const total = Number(process.argv[2] ?? 10_000);
const batch = 10;
const source = findBuiltinTemplate('invoice-detailed', 'en').source;
const view = demoDocumentView('en');

/** MiB resident in this process and in the Chromium processes it started (children and theirs). */
function residentMiB(): { node: number; chromium: number } {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const family = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of rows)
      if (family.has(ppid) && !family.has(pid)) {
        family.add(pid);
        grew = true;
      }
  }
  const chromium = rows.filter(([pid]) => family.has(pid) && pid !== process.pid).reduce((s, [, , rss]) => s + rss, 0);
  return { node: process.memoryUsage().rss / 1048576, chromium: chromium / 1024 };
}

async function main(): Promise<void> {
  const renderer = await PdfRenderer.start({ pages: 2, documentsPerPrint: batch });
  const started = performance.now();
  let done = 0;
  let at100: ReturnType<typeof residentMiB> | null = null;
  try {
    while (done < total) {
      const htmls = await Promise.all(Array.from({ length: batch * 2 }, () => renderTemplate(source, view)));
      for (const result of await renderer.renderMany(htmls)) if (result instanceof Error) throw result;
      done += htmls.length;
      if (!at100 && done >= 100) at100 = residentMiB();
      if (done % 1000 === 0) process.stderr.write(`${done} documents\n`);
    }
    const end = residentMiB();
    const seconds = (performance.now() - started) / 1000;
    console.log(`${done} documents in ${seconds.toFixed(0)} s (${(done / seconds).toFixed(1)}/s)`);
    console.log(
      `RSS after 100: node ${at100!.node.toFixed(0)} MiB, Chromium ${at100!.chromium.toFixed(0)} MiB; ` +
        `after ${done}: node ${end.node.toFixed(0)} MiB, Chromium ${end.chromium.toFixed(0)} MiB; ` +
        `ratio ${((end.node + end.chromium) / (at100!.node + at100!.chromium)).toFixed(2)}×`,
    );
  } finally {
    await renderer.close();
  }
}

await main();
