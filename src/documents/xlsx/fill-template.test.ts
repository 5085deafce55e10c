import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillXlsxTemplate, XlsxFillError } from './fill-template.ts';
import { sampleInvoiceTemplate } from './sample-template.ts';
import { inspectZip } from './zip-guard.ts';
import type { XlsxSource } from '../../core/outputs/xlsx-values.ts';

const source: XlsxSource = {
  currency: 'EUR',
  decimals: 2,
  header: {
    number: 'INV-0007',
    issueDate: '2024-03-01',
    customerName: 'Client Corp SA',
    total: '36.30',
    totalTax: '6.30',
  },
  lines: [
    { position: '1', description: 'Albania mobile', quantity: '10', unitPrice: null, net: '10.00' },
    { position: '2', description: 'Line rental', quantity: '1', unitPrice: '15.00', net: '15.00' },
    { position: '3', description: 'Spain', quantity: '4', unitPrice: null, net: '5.00' },
  ],
};

/** LibreOffice's reading of the first sheet, recomputed, as rows of cells. */
function libreOfficeCsv(xlsx: Buffer): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'tollbook-xlsx-'));
  writeFileSync(join(dir, 'doc.xlsx'), xlsx);
  execFileSync(
    'soffice',
    [
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true',
      '--outdir',
      dir,
      join(dir, 'doc.xlsx'),
    ],
    {
      stdio: 'ignore',
      timeout: 120_000,
      env: { ...process.env, HOME: dir },
    },
  );
  return readFileSync(join(dir, 'doc.csv'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));
}

describe('an XLSX filled from the operator template', () => {
  it('is read back by LibreOffice with values at their cells, static text intact and formulas recomputed', async () => {
    const { file, mapping } = await sampleInvoiceTemplate();
    const rows = libreOfficeCsv(await fillXlsxTemplate(file, mapping, source));
    const cell = (address: string) => {
      const [, col, row] = /^([A-Z])(\d+)$/.exec(address)!;
      return rows[Number(row) - 1]?.[col!.charCodeAt(0) - 65] ?? '';
    };
    expect(cell('A1')).toBe('INVOICE');
    expect(cell('B3')).toBe('INV-0007');
    expect(cell('B6')).toBe('Client Corp SA');
    // Three lines: the model row 12 was duplicated twice, pushing the totals down by two rows.
    expect([cell('B12'), cell('B13'), cell('B14')]).toEqual(['Albania mobile', 'Line rental', 'Spain']);
    expect([cell('E12'), cell('F13'), cell('F14')]).toEqual(['10.00', '30', '10']);
    expect(cell('D15')).toBe('Net');
    expect(cell('E15')).toBe('30'); // SUM(E12:E14), recomputed, in the template's General format
    expect(cell('E16')).toBe('6.30');
    expect(cell('E17')).toBe('36.3'); // E15+E16
    expect(cell('F17')).toBe('36.30');
    expect(cell('A19')).toBe('Costa Telecom SL — thank you for your business');
  }, 180_000);

  it('keeps merges, styles and images', async () => {
    const { file, mapping } = await sampleInvoiceTemplate();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fillXlsxTemplate(file, mapping, source)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Invoice')!;
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell('A1').font.bold).toBe(true);
    expect(ws.getImages()).toHaveLength(1);
    expect(ws.getCell('E14').numFmt).toBe('0.00');
    expect(ws.getCell('E14').value).toBe(5);
  });

  it('writes amounts with their currency when "no currency names" is off', async () => {
    const { file, mapping } = await sampleInvoiceTemplate();
    const wb = new ExcelJS.Workbook();
    const out = await fillXlsxTemplate(file, { ...mapping, noCurrencyNames: false }, source);
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Invoice')!.getCell('F17').value).toBe('36.30 EUR');
  });

  it('refuses more lines than a fixed table holds', async () => {
    const { file, mapping } = await sampleInvoiceTemplate();
    const fixed = { ...mapping, lines: { ...mapping.lines!, mode: 'fill' as const, maxRows: 2 } };
    await expect(fillXlsxTemplate(file, fixed, source)).rejects.toBeInstanceOf(XlsxFillError);
  });
});

describe('the upload guard', () => {
  it('accepts a workbook and refuses what is not one', async () => {
    const { file } = await sampleInvoiceTemplate();
    expect(inspectZip(file).ok).toBe(true);
    expect(inspectZip(Buffer.from('%PDF-1.4 not a workbook'))).toMatchObject({ ok: false, code: 'NOT_XLSX' });
    expect(inspectZip(file, { maxBytes: 100, maxEntries: 10, maxExpandedBytes: 1e9, maxRatio: 100 })).toMatchObject({
      ok: false,
      code: 'FILE_TOO_LARGE',
    });
    expect(inspectZip(file, { maxBytes: 1e9, maxEntries: 2, maxExpandedBytes: 1e9, maxRatio: 100 })).toMatchObject({
      ok: false,
      code: 'ZIP_BOMB',
    });
  });
});
