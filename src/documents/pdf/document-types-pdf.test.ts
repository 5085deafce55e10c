import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBuiltinTemplate } from '../templates/builtin.ts';
import type { BuiltinTemplateKey } from '../templates/builtin.ts';
import { renderTemplate } from '../templates/render.ts';
import { demoDocumentView } from '../view.ts';
import type { DocumentLocale } from '../view.ts';
import { PdfRenderer } from './pdf-renderer.ts';

// Each new document type printed through Chromium and read back with pdftotext: what a person
// holding the paper sees (number, parties, tax IDs, totals), not just what the HTML contains.

const run = promisify(execFile);
let dir = '';
let renderer: PdfRenderer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tollbook-pdf-types-'));
  renderer = await PdfRenderer.start({ pages: 2 });
});

afterAll(async () => {
  await renderer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function pdfText(pdf: Buffer, name: string): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/[\s\u00a0]+/g, ' ');
}

type Case = [BuiltinTemplateKey, 'proforma' | 'act' | 'vat_invoice' | 'reconciliation', DocumentLocale, string[]];

const CASES: Case[] = [
  [
    'proforma',
    'proforma',
    'en',
    [
      'Proforma invoice',
      'OT-PF-2018-0031',
      '1,320.00 EUR',
      '277.20 EUR',
      '1,597.20 EUR',
      'Expected payment 01/11/2018',
      'Unpaid',
    ],
  ],
  [
    'proforma',
    'proforma',
    'ru',
    [
      'Счёт на предоплату',
      'OT-PF-2018-0031',
      '1 320,00 EUR',
      '277,20 EUR',
      '1 597,20 EUR',
      'Оплатить до 01.11.2018',
      'Не оплачен',
    ],
  ],
  [
    'act',
    'act',
    'en',
    [
      'Act of acceptance of services',
      'OT-ACT-2018-0142',
      'OT-2018-000142',
      '1,287.44 EUR',
      '270.36 EUR',
      '1,557.80 EUR',
    ],
  ],
  [
    'act',
    'act',
    'ru',
    [
      'Акт сдачи-приёмки оказанных услуг',
      'OT-ACT-2018-0142',
      'OT-2018-000142',
      '1 287,44 EUR',
      '270,36 EUR',
      '1 557,80 EUR',
    ],
  ],
  [
    'vat-invoice',
    'vat_invoice',
    'en',
    ['VAT invoice', 'OT-SF-2018-0142', 'OT-2018-000142', '1,287.44', '270.36', '1,557.80'],
  ],
  [
    'vat-invoice',
    'vat_invoice',
    'ru',
    ['Счёт-фактура', 'OT-SF-2018-0142', 'OT-2018-000142', '1 287,44', '270,36', '1 557,80', 'Всего к оплате'],
  ],
  [
    'reconciliation',
    'reconciliation',
    'en',
    [
      'Reconciliation statement',
      'OT-RS-2018-0007',
      'Opening balance',
      '1,200.00',
      'Closing balance',
      '1,557.80 EUR',
      '6,048.75',
      '5,690.95',
    ],
  ],
  [
    'reconciliation',
    'reconciliation',
    'ru',
    [
      'Акт сверки взаимных расчётов',
      'OT-RS-2018-0007',
      'Сальдо начальное',
      '1 200,00',
      'Сальдо конечное',
      '1 557,80 EUR',
      '6 048,75',
      '5 690,95',
    ],
  ],
];

describe.each(CASES)('the built-in %s printed to PDF (%s, %s)', (key, type, locale, expected) => {
  it('carries the number, the parties, their tax IDs, the totals and its page numbers', async () => {
    const view = demoDocumentView(locale, type);
    const pdf = await renderer.render(await renderTemplate(findBuiltinTemplate(key, locale).source, view));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf, `${key}-${locale}`);
    const parties = [view.sender, view.recipient].flatMap((party) => [party.name, party.taxId ?? '']);
    const kpp = locale === 'ru' ? [`КПП ${view.sender.kpp}`, `КПП ${view.recipient.kpp}`] : [];
    for (const item of [...expected, ...parties, ...kpp]) expect(text).toContain(item);
    expect(text).toMatch(locale === 'en' ? /Page 1 of \d/ : /Стр\. 1 из \d/);
  });
});
