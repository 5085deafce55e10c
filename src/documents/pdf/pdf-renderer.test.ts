import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBuiltinTemplate } from '../templates/builtin.ts';
import { renderTemplate } from '../templates/render.ts';
import { demoDocumentView } from '../view.ts';
import type { DocumentLocale } from '../view.ts';
import { findChromium } from './find-chromium.ts';
import { PdfRenderer, PrintTimeoutError } from './pdf-renderer.ts';

const run = promisify(execFile);
let dir = '';
let renderer: PdfRenderer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tollbook-pdf-'));
  renderer = await PdfRenderer.start({ pages: 2 });
});

afterAll(async () => {
  await renderer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The PDF's text as pdftotext reads it, with runs of white space (including NBSP) collapsed. */
async function pdfText(pdf: Buffer, name: string): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/[\s\u00a0]+/g, ' ');
}

function page(body: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`;
}

describe.each(['en', 'ru'] as const)('a built-in invoice printed to PDF (%s)', (locale: DocumentLocale) => {
  it('carries the number, the parties, their tax IDs and the totals', async () => {
    const view = demoDocumentView(locale);
    const html = await renderTemplate(findBuiltinTemplate('invoice-detailed', locale).source, view);
    const pdf = await renderer.render(html);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf, `invoice-${locale}`);
    const expected = [
      view.document.number ?? '',
      view.sender.name,
      view.recipient.name,
      view.sender.taxId ?? '',
      view.recipient.taxId ?? '',
      ...(locale === 'en'
        ? [
            'Invoice',
            '1,557.80 EUR',
            '1,287.44 EUR',
            '270.36 EUR',
            'Period 01/10/2018 – 31/10/2018 (Europe/Madrid)',
            'Page 1 of 2',
          ]
        : [
            'Счёт',
            'Детализация звонков',
            'КПП 770101001',
            '1 557,80 EUR',
            '1 287,44 EUR',
            '270,36 EUR',
            'Период 01.10.2018 – 31.10.2018 (Europe/Madrid)',
            'Стр. 2 из 2',
          ]),
      view.calls[0].callee,
    ];
    for (const item of expected) expect(text).toContain(item);
  });
});

describe('PdfRenderer', () => {
  it('finds the system Chromium, and only the configured one when CHROMIUM_PATH is set', () => {
    expect(findChromium()).not.toBeNull();
    expect(findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toBeNull();
  });

  it('queues more renders than pages and gives each its own document', async () => {
    const pdfs = await Promise.all(
      Array.from({ length: 5 }, (_, i) => renderer.render(page(`<h1>Document ${i} of five</h1>`))),
    );
    const texts = await Promise.all(pdfs.map((pdf, i) => pdfText(pdf, `queued-${i}`)));
    texts.forEach((text, i) => expect(text).toContain(`Document ${i} of five`));
  });

  it('prints the fonts and background images a template embeds as data: URLs', async () => {
    // The screen layout is skipped (print-layout-only.ts), so nothing asks for these before printing.
    const font = await readFile('/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed-BoldItalic.ttf');
    const html = page(
      `<style>@font-face { font-family: Embedded; src: url(data:font/ttf;base64,${font.toString('base64')}) }` +
        ` h1 { font-family: Embedded } .logo { width: 30mm; height: 30mm; background: url(${redSquarePng()}) }</style>` +
        '<h1>Set in the embedded font</h1><div class="logo"></div>',
    );
    const file = join(dir, 'embedded.pdf');
    await writeFile(file, await renderer.render(html));
    expect((await run('pdffonts', [file])).stdout).toContain('DejaVuSerifCondensed-BoldItalic');
    await run('pdftoppm', ['-r', '20', '-singlefile', file, join(dir, 'embedded')]);
    const image = await readFile(join(dir, 'embedded.ppm'));
    const pixels = image.subarray(/^P6\s+\d+\s+\d+\s+255\s/.exec(image.toString('latin1', 0, 32))![0].length);
    let red = 0;
    for (let i = 0; i < pixels.length; i += 3)
      if (pixels[i]! > 200 && pixels[i + 1]! < 60 && pixels[i + 2]! < 60) red++;
    expect(red, 'pixels of the 30 mm red square at 20 dpi').toBeGreaterThan(400 / 2);
  });

  it('keeps pages away from the network and from local files', async () => {
    const secret = join(dir, 'secret.txt');
    await writeFile(secret, 'TOP-SECRET-MARKER');
    const hits: string[] = [];
    const server = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end('LEAKED-FROM-NETWORK');
    });
    server.on('connection', () => hits.push('tcp'));
    server.on('upgrade', (request, socket) => {
      hits.push(`upgrade ${request.url ?? ''}`);
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const scripted = await PdfRenderer.start({ pages: 1, javaScriptEnabled: true });
    try {
      const html = page(`<style>@import url("${base}/import.css"); body { background: url("${base}/bg.png"); }</style>
        <link rel="stylesheet" href="${base}/style.css"><img src="${base}/pixel.png"><iframe src="${base}/frame"></iframe>
        <link rel="prefetch" href="${base}/prefetch"><link rel="preconnect" href="${base}"><a ping="${base}/ping" href="${base}/a">a</a>
        <iframe src="file://${secret}"></iframe><object data="file://${secret}"></object><p>visible text</p>
        <script>fetch("${base}/fetch"); new WebSocket("${base.replace('http', 'ws')}/ws"); navigator.sendBeacon("${base}/beacon");</script>`);
      for (const target of [renderer, scripted]) {
        const text = await pdfText(await target.render(html), 'sealed');
        expect(text).toContain('visible text');
        expect(text).not.toMatch(/LEAKED|TOP-SECRET/);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(hits).toEqual([]);
    } finally {
      await scripted.close();
      server.close();
    }
  });

  it('relaunches the browser after it crashed', async () => {
    const before = await chromiumChildren();
    const fragile = await PdfRenderer.start({ pages: 1 });
    try {
      const launched = (await chromiumChildren()).filter((pid) => !before.includes(pid));
      expect(launched.length).toBeGreaterThan(0);
      for (const pid of launched) process.kill(pid, 'SIGKILL');
      // The very next render notices the dead browser, relaunches it and still succeeds.
      expect(await pdfText(await fragile.render(page('<p>after the crash</p>')), 'crash')).toContain('after the crash');
      expect(await pdfText(await fragile.render(page('<p>and again</p>')), 'crash2')).toContain('and again');
    } finally {
      await fragile.close();
    }
  });

  it('gives up a print that runs past its limit, closes that page and keeps serving the next renders', async () => {
    // A 1 ms limit cannot be met by any print, so both renders must end with the timeout, and the
    // second can only start because the first one's slot and page were given back.
    const hurried = await PdfRenderer.start({ pages: 1, printTimeoutMs: 1 });
    try {
      for (const name of ['first', 'second']) {
        const error = await hurried.render(page(`<p>${name}</p>`)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PrintTimeoutError);
      }
    } finally {
      await hurried.close();
    }
    expect(await pdfText(await renderer.render(page('<p>After the limit</p>')), 'after-limit')).toContain(
      'After the limit',
    );
  }, 60_000);

  it('refuses to render once closed', async () => {
    const short = await PdfRenderer.start({ pages: 1 });
    await short.close();
    await expect(short.render(page('x'))).rejects.toThrow(/closed/);
  });
});

/** Chromium processes started by this test process (the browsers' main processes). */
async function chromiumChildren(): Promise<number[]> {
  const { stdout } = await run('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)]);
  return stdout
    .split('\n')
    .map((row) => row.trim().split(/\s+/))
    .filter(([pid, command]) => pid && command?.includes('chrom'))
    .map(([pid]) => Number(pid));
}

/** A 4×4 red PNG as a data: URL. */
function redSquarePng(): string {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(4, 0);
  header.writeUInt32BE(4, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const rows = Buffer.concat(
    Array.from({ length: 4 }, () => Buffer.from([0, ...Array.from({ length: 4 }, () => [255, 0, 0]).flat()])),
  );
  const png = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}
