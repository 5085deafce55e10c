import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfRenderer } from './pdf-renderer.ts';
import { combinedPage, countersOf, printRuns, splitByMarkers } from './batch-print.ts';
import { counterSheet, counterStamps } from './page-counters.ts';

const run = promisify(execFile);
let dir = '';
let renderer: PdfRenderer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tollbook-batch-'));
  renderer = await PdfRenderer.start({ pages: 1, documentsPerPrint: 4 });
});
afterAll(async () => {
  await renderer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const style = '<style>body { font-family: sans-serif } p { margin: 0 0 4mm }</style>';
const page = (body: string, head = style) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
/** A document of `lines` paragraphs, each naming the document, so that its text shows where it went. */
const doc = (name: string, lines: number) =>
  page(`<h1>${name}</h1>${Array.from({ length: lines }, (_, i) => `<p>${name} line ${i + 1}</p>`).join('')}`);

async function textOf(pdf: Buffer, name: string): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout;
}
const pagesOf = async (pdf: Buffer) => (await PDFDocument.load(pdf)).getPageCount();

describe('Printing several documents per page load', () => {
  it('groups pages whose heads differ only in their title, and gives each PDF its own title', async () => {
    const titled = (title: string, body: string) => page(body, `<title>${title}</title>${style}`);
    const htmls = [titled('Invoice A-1', '<p>first</p>'), titled('Invoice A-2 &amp; more', '<p>second</p>')];
    expect(printRuns(htmls, 10)).toEqual([[0, 1]]);
    const [a, b] = await renderer.renderMany(htmls);
    expect((await PDFDocument.load(a as Buffer)).getTitle()).toBe('Invoice A-1');
    expect((await PDFDocument.load(b as Buffer)).getTitle()).toBe('Invoice A-2 & more');
  });

  it('groups consecutive pages of the same template, at most the run size, and keeps others alone', () => {
    const other = page('<p>x</p>', '<style>p { color: red }</style>');
    const counted = page('<p>x</p>', '<style>@page :first { margin-top: 50mm }</style>');
    const htmls = [doc('A', 1), doc('B', 1), other, doc('C', 1), doc('D', 1), doc('E', 1), counted, doc('F', 1)];
    expect(printRuns(htmls, 2)).toEqual([[0, 1], [2], [3, 4], [5], [6], [7]]);
  });

  it('gives each document exactly its own pages and text, as if printed alone', async () => {
    const htmls = [doc('Alpha', 3), doc('Bravo', 90), doc('Charlie', 1), doc('Delta', 40)];
    const together = await renderer.renderMany(htmls);
    for (const [i, name] of ['Alpha', 'Bravo', 'Charlie', 'Delta'].entries()) {
      const pdf = together[i];
      if (!(pdf instanceof Buffer)) throw pdf;
      const alone = await renderer.render(htmls[i]!);
      expect(await pagesOf(pdf), name).toBe(await pagesOf(alone));
      const text = await textOf(pdf, name);
      expect(text).toContain(`${name} line 1`);
      for (const other of ['Alpha', 'Bravo', 'Charlie', 'Delta'].filter((n) => n !== name))
        expect(text, `${name} holds ${other}`).not.toContain(other);
    }
    expect(await pagesOf(together[1] as Buffer)).toBeGreaterThan(1);
  });

  it('numbers the pages of each document on its own when its template counts pages', async () => {
    const footer = (words: [string, string]) =>
      `<style>@page { size: A4; margin: 15mm 15mm 20mm; @bottom-right { content: "${words[0]} " counter(page) ` +
      `" ${words[1]} " counter(pages); font-family: 'DejaVu Sans'; font-size: 7pt } } p { margin: 0 0 4mm }</style>`;
    const counted = (name: string, lines: number, words: [string, string] = ['Page', 'of']) =>
      page(
        `<h1>${name}</h1>${Array.from({ length: lines }, (_, i) => `<p>${name} line ${i + 1}</p>`).join('')}`,
        footer(words),
      );
    const names = ['Alpha', 'Bravo', 'Charlie'];
    const htmls = [counted('Alpha', 3), counted('Bravo', 90), counted('Charlie', 1)];
    expect(printRuns(htmls, 10)).toEqual([[0, 1, 2]]);

    // The combined print is cut apart and numbered without falling back to single prints.
    const markers = names.map((n) => `m-${n}`);
    const css = countersOf(htmls[0]!)!;
    const combined = await renderer.render(combinedPage(htmls, (i) => markers[i]!));
    expect(await textOf(combined, 'combined-counted')).not.toMatch(/Page \d/);
    const sheet = async (n: number) =>
      counterStamps(await PDFDocument.load(await renderer.render(counterSheet(css, n))));
    const parts = await splitByMarkers(combined, markers, [], sheet);

    const together = await renderer.renderMany(htmls);
    for (const [i, name] of names.entries()) {
      const alone = await textOf(await renderer.render(htmls[i]!), `${name}-alone`);
      for (const [how, pdf] of [
        ['split', parts[i]],
        ['renderMany', together[i]],
      ] as const) {
        if (!(pdf instanceof Buffer)) throw pdf;
        const text = await textOf(pdf, `${name}-${how}`);
        expect(text, `${name} ${how}`).toBe(alone);
        const pages = await pagesOf(pdf);
        for (let k = 1; k <= pages; k++) expect(text).toContain(`Page ${k} of ${pages}`);
        expect(text).not.toContain(`Page ${pages + 1} `);
      }
    }
    expect(await pagesOf(parts[1]!)).toBeGreaterThan(1);

    const russian = [counted('Первый', 1, ['Стр.', 'из']), counted('Второй', 70, ['Стр.', 'из'])];
    const [first, second] = await renderer.renderMany(russian);
    expect(await textOf(first as Buffer, 'ru-1')).toContain('Стр. 1 из 1');
    const text = await textOf(second as Buffer, 'ru-2');
    const pages = await pagesOf(second as Buffer);
    expect(pages).toBeGreaterThan(1);
    for (let k = 1; k <= pages; k++) expect(text).toContain(`Стр. ${k} из ${pages}`);
    expect(text).not.toContain('Первый');
  });

  it('prints each document alone when the combined print cannot be cut apart', async () => {
    // This body hides every block of the page it is on: combined, the start markers vanish with it.
    const hiding = page('<style>div { display: none !important }</style><p>Hider</p>');
    const results = await renderer.renderMany([doc('One', 2), hiding, doc('Two', 2)]);
    const texts = await Promise.all(
      results.map((r, i) => {
        if (!(r instanceof Buffer)) throw r;
        return textOf(r, `fallback-${i}`);
      }),
    );
    expect(texts[0]).toContain('One line 2');
    expect(texts[1]).toContain('Hider');
    expect(texts[2]).toContain('Two line 2');
    expect(texts[0]).not.toContain('Two');
  });

  it('answers an error for each document whose print fails, and never throws for the batch', async () => {
    const short = await PdfRenderer.start({ pages: 1, documentsPerPrint: 3, timeoutMs: 1 });
    try {
      const results = await short.renderMany([doc('One', 1), doc('Two', 1), doc('Three', 1)]);
      expect(results).toHaveLength(3);
      expect(results.every((r) => r instanceof Error)).toBe(true);
    } finally {
      await short.close();
    }
  });
});
