import { decodeHTML } from 'entities';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { splitPageCounters, stampCounters } from './page-counters.ts';
import type { CounterStamps } from './page-counters.ts';

// Chromium spends most of a print on fixed per-print work, so documents made from the same template
// are printed together, one after the other in one page load, and the PDF is cut apart again. Each
// document starts with an element that a hidden link points at: Chromium writes such targets as
// named destinations, which give the page each document starts on. Page counters ("Page 2 of 3")
// are left out of the combined print and drawn onto each document afterwards (page-counters.ts).

/**
 * The parts of a rendered page: everything up to the body's content (without its title, which
 * names the document and is set on its PDF after the split), the content, the rest.
 */
interface PageParts {
  head: string;
  title: string | null;
  body: string;
  tail: string;
  /** CSS of the counter sheet whose pages carry the document's own page counters, if it has any. */
  counters: string | null;
}

const TITLE = /<title\b[^>]*>([\s\S]*?)<\/title>/i;

const BODY = /^([\s\S]*?<body\b[^>]*>)([\s\S]*)(<\/body>[\s\S]*)$/i;

/**
 * Pages whose layout depends on their position in the printed file — a different first page, page
 * counters anywhere but in margin boxes of plain @page rules — would come out differently when
 * printed after another document; they print alone.
 */
const POSITION_DEPENDENT = /:first\b|counter\(\s*pages?\s*\)|:blank\b|:left\b|:right\b/i;

function partsOf(html: string): PageParts | null {
  const match = BODY.exec(html);
  if (!match || /<body\b/i.test(match[2]!) || /<\/body>/i.test(match[2]!)) return null;
  const counters = splitPageCounters(match[1]!);
  const head = counters?.head ?? match[1]!;
  if (POSITION_DEPENDENT.test(head) || POSITION_DEPENDENT.test(match[2]!) || POSITION_DEPENDENT.test(match[3]!))
    return null;
  const title = TITLE.exec(head);
  return {
    head: head.replace(TITLE, ''),
    title: title ? decodeHTML(title[1]!).trim() : null,
    body: match[2]!,
    tail: match[3]!,
    counters: counters?.sheetCss ?? null,
  };
}

/**
 * Splits pages into runs that can be printed together: consecutive pages with the same head and
 * tail (the same template's styles). Answers index lists; a page that cannot be combined is a run
 * of its own.
 */
export function printRuns(htmls: readonly string[], maxRun: number): number[][] {
  const runs: number[][] = [];
  let current: number[] = [];
  let key: string | null = null;
  htmls.forEach((html, index) => {
    const parts = partsOf(html);
    const k = parts ? `${parts.head}\u0000${parts.tail}` : null;
    if (k === null || k !== key || current.length >= maxRun) {
      if (current.length) runs.push(current);
      current = [];
    }
    current.push(index);
    key = k;
    if (k === null) {
      runs.push(current);
      current = [];
    }
  });
  if (current.length) runs.push(current);
  return runs;
}

/** The title each page names its document by, if any (it becomes the PDF's title). */
export const titlesOf = (htmls: readonly string[]) => htmls.map((html) => partsOf(html)?.title ?? null);

/** The CSS of the counter sheet of a page (the same for every page of a run), or null. */
export const countersOf = (html: string) => partsOf(html)?.counters ?? null;

/** One page holding every document of a run, each starting on a new sheet at a named target. */
export function combinedPage(htmls: readonly string[], marker: (index: number) => string): string {
  const parts = htmls.map((html) => partsOf(html)!);
  const bodies = parts.map(
    (p, i) =>
      `<div id="${marker(i)}" style="break-before:page;display:block">` +
      `<a href="#${marker(i)}" style="display:none"></a>${p.body}</div>`,
  );
  return parts[0]!.head + bodies.join('') + parts[0]!.tail;
}

/**
 * Cuts a combined PDF into one PDF per document, by the page each marker's destination points at,
 * and lays over each document's pages a counter sheet of as many pages, when `counterSheet` is
 * given. Throws when a marker is missing or out of order, so that the caller prints those
 * documents one by one instead.
 */
export async function splitByMarkers(
  pdf: Buffer,
  markers: readonly string[],
  titles: ReadonlyArray<string | null> = [],
  counterSheet?: (pages: number) => Promise<CounterStamps>,
): Promise<Buffer[]> {
  const whole = await PDFDocument.load(pdf, { updateMetadata: false });
  const dests = whole.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) throw new Error('the combined print has no named destinations');
  const pageIndex = new Map(whole.getPages().map((p, i) => [p.ref.toString(), i]));
  const starts = markers.map((name) => {
    const target = dests.lookupMaybe(PDFName.of(name), PDFArray)?.get(0);
    const index = target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined;
    if (index === undefined) throw new Error(`the combined print lost the start of ${name}`);
    return index;
  });
  if (starts[0] !== 0 || starts.some((s, i) => i > 0 && s <= starts[i - 1]!))
    throw new Error('the documents of a combined print start out of order');
  const out: Buffer[] = [];
  for (const [i, start] of starts.entries()) {
    const end = starts[i + 1] ?? whole.getPageCount();
    const part = await PDFDocument.create({ updateMetadata: false });
    const copied = await part.copyPages(
      whole,
      Array.from({ length: end - start }, (_, k) => start + k),
    );
    for (const page of copied) part.addPage(page);
    if (counterSheet) stampCounters(part, await counterSheet(end - start));
    const title = titles[i];
    if (title) part.setTitle(title);
    out.push(Buffer.from(await part.save()));
  }
  return out;
}
