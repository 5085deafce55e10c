import { deflateSync } from 'node:zlib';
import { PDFArray, PDFObjectCopier, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import type { PDFDocument, PDFRef } from 'pdf-lib';

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

/** A printed counter sheet, its pages made into forms that documents copy and draw. */
export interface CounterStamps {
  sheet: PDFDocument;
  forms: Array<{ ref: PDFRef; width: number; height: number }>;
}

/**
 * Turns each page of a printed counter sheet into a form XObject of the sheet itself, once per sheet:
 * its content compressed with zlib, its resources (the counters' font) by reference. Laying it over
 * a document then only copies those objects, where pdf-lib's own page embedding would inflate and
 * deflate the page again (in JavaScript) for every document.
 */
export function counterStamps(sheet: PDFDocument): CounterStamps {
  const forms = sheet.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray
        ? contents.asArray().map((ref) => sheet.context.lookup(ref))
        : contents === undefined
          ? [] // a page that Chromium left empty
          : [contents];
    const decoded = streams.map((stream) => {
      if (!(stream instanceof PDFRawStream)) throw new Error('the counter sheet has content pdf-lib cannot read');
      return Buffer.from(decodePDFRawStream(stream).decode());
    });
    const { x, y, width, height } = page.getMediaBox();
    const form = sheet.context.stream(deflateSync(Buffer.concat(decoded.flatMap((d) => [d, Buffer.from('\n')]))), {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [x, y, x + width, y + height],
      Resources: page.node.Resources() ?? {},
      Filter: 'FlateDecode',
    });
    return { ref: sheet.context.register(form), width, height };
  });
  return { sheet, forms };
}

/** Lays page k of the counter sheet over page k of the document (they have the same size). */
export function stampCounters(part: PDFDocument, stamps: CounterStamps): void {
  const pages = part.getPages();
  if (stamps.forms.length !== pages.length) throw new Error('the counter sheet does not match the document');
  const copier = PDFObjectCopier.for(stamps.sheet.context, part.context);
  const context = part.context;
  pages.forEach((page, k) => {
    const { width, height } = page.getSize();
    const form = stamps.forms[k]!;
    if (Math.abs(form.width - width) > 1 || Math.abs(form.height - height) > 1)
      throw new Error('the counter sheet has another page size than the document');
    const name = page.node.newXObject('Counters', copier.copy(form.ref));
    // The page's own content is wrapped in q … Q, so that none of its state leaks onto the stamp.
    page.node.normalize();
    page.node.wrapContentStreams(
      context.getPushGraphicsStateContentStream(),
      context.getPopGraphicsStateContentStream(),
    );
    page.node.addContentStream(context.register(context.stream(`q ${name.toString()} Do Q\n`)));
  });
}
