import type { PDFDocument } from 'pdf-lib';

// "Page 2 of 3" comes from CSS page counters in @page margin boxes. Their numbers depend on where a
// page falls in the printed file, so in a combined print (batch-print.ts) they would count across
// documents. Such pages are printed together without those margin boxes — margin boxes sit in the
// page margin, so the content lays out exactly as before — and each document's own counters are
// drawn afterwards from a counter sheet: a print of the same @page rules with only those margin
// boxes and one empty page per page of the document. Chromium lays the counters out itself, so
// their font, size, colour and place are the template's own; pdf-lib lays each sheet page over the
// matching page of the document.

const COUNTER = /counter\(\s*pages?\s*\)/i;

/** The head of a page with its counter margin boxes moved out, and the CSS of its counter sheet. */
export interface CounterSplit {
  head: string;
  sheetCss: string;
}

/** Index of the `}` closing the block opened at `open`, skipping strings and comments; -1 if none. */
function closingBrace(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") {
      const end = css.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      if (end < 0) return -1;
      i = end + 1;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Declarations of an @page block that size the page (size, margins): the sheet's pages match. */
function pageBoxDeclarations(inside: string): string {
  let flat = '';
  let at = 0;
  for (const nested of inside.matchAll(/@[a-z-]+\s*\{/gi)) {
    if (nested.index < at) continue;
    const end = closingBrace(inside, nested.index + nested[0].length - 1);
    if (end < 0) return '';
    flat += inside.slice(at, nested.index) + ';';
    at = end + 1;
  }
  flat += inside.slice(at);
  return flat
    .split(';')
    .map((d) => d.trim())
    .filter((d) => /^(size|margin(-[a-z]+)?)\s*:/i.test(d))
    .join('; ');
}

/**
 * Moves the margin boxes that use page counters out of the page's plain `@page { … }` rules. Answers
 * null when the head has none, or when it cannot take them apart cleanly (then the page prints alone
 * as before). Named pages and page selectors are left alone: they depend on position anyway.
 */
export function splitPageCounters(head: string): CounterSplit | null {
  if (!COUNTER.test(head)) return null;
  let rest = '';
  let at = 0;
  const pageBox: string[] = [];
  const boxes: string[] = [];
  for (const rule of head.matchAll(/@page\s*\{/gi)) {
    if (rule.index < at) continue;
    const open = rule.index + rule[0].length - 1;
    const close = closingBrace(head, open);
    if (close < 0) return null;
    const inside = head.slice(open + 1, close);
    let kept = '';
    let from = 0;
    for (const box of inside.matchAll(/@(?:top|bottom|left|right)-[a-z-]+\s*\{/gi)) {
      if (box.index < from) continue;
      const end = closingBrace(inside, box.index + box[0].length - 1);
      if (end < 0) return null;
      const text = inside.slice(box.index, end + 1);
      if (!COUNTER.test(text)) continue;
      boxes.push(text);
      kept += inside.slice(from, box.index);
      from = end + 1;
    }
    kept += inside.slice(from);
    pageBox.push(pageBoxDeclarations(inside));
    rest += head.slice(at, open + 1) + kept + '}';
    at = close + 1;
  }
  rest += head.slice(at);
  if (!boxes.length || COUNTER.test(rest)) return null;
  // Fonts a template embeds may be what its footer is set in.
  const fonts = Array.from(head.matchAll(/@font-face\s*\{/gi), (face) => {
    const end = closingBrace(head, face.index + face[0].length - 1);
    return end < 0 ? '' : head.slice(face.index, end + 1);
  });
  const sizes = pageBox.filter(Boolean).join('; ');
  return { head: rest, sheetCss: [...fonts, `@page { ${sizes}; ${boxes.join(' ')} }`].join('\n') };
}

/** A page of `pages` empty sheets carrying only the counter margin boxes. */
export function counterSheet(sheetCss: string, pages: number): string {
  const sheets = Array.from({ length: pages }, (_, i) =>
    i ? '<div style="break-before:page;height:1px"></div>' : '<div style="height:1px"></div>',
  );
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><style>' +
    `${sheetCss}\nhtml, body { margin: 0; background: transparent; }</style></head>` +
    `<body>${sheets.join('')}</body></html>`
  );
}

/** Lays page k of the counter sheet over page k of the document (they have the same size). */
export async function stampCounters(part: PDFDocument, sheet: PDFDocument): Promise<void> {
  const pages = part.getPages();
  if (sheet.getPageCount() !== pages.length) throw new Error('the counter sheet does not match the document');
  const stamps = await part.embedPages(sheet.getPages());
  pages.forEach((page, k) => {
    const { width, height } = page.getSize();
    const stamp = stamps[k]!;
    if (Math.abs(stamp.width - width) > 1 || Math.abs(stamp.height - height) > 1)
      throw new Error('the counter sheet has another page size than the document');
    page.drawPage(stamp, { x: 0, y: 0, width, height });
  });
}
