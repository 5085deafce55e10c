import type ExcelJS from 'exceljs';
import { excelJs } from './exceljs.ts';
import type { XlsxMapping } from '../../core/outputs/xlsx-mapping.ts';

// A one-pixel PNG stands for the operator's logo: it must survive the filling.
const LOGO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * An invoice template as an operator draws it in a spreadsheet: company details, a merged title,
 * a logo, a styled table whose row 12 is the model line (with a per-row formula), and totals under
 * it with formulas. Used by the demo and the tests, and a starting point in docs/outputs.md.
 */
export async function sampleInvoiceTemplate(): Promise<{ file: Buffer; mapping: XlsxMapping }> {
  const wb = new (await excelJs()).Workbook();
  const ws = wb.addWorksheet('Invoice');
  ws.columns = [{ width: 6 }, { width: 34 }, { width: 10 }, { width: 12 }, { width: 14 }, { width: 14 }];
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = 'INVOICE';
  ws.getCell('A1').font = { bold: true, size: 18 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.addImage(wb.addImage({ buffer: LOGO as unknown as ExcelJS.Buffer, extension: 'png' }), 'F2:F3');
  const labels: Array<[string, string]> = [
    ['A3', 'Number'],
    ['A4', 'Date'],
    ['A5', 'Due'],
    ['A6', 'Customer'],
    ['A7', 'Tax ID'],
    ['A8', 'Period'],
    ['A9', 'Currency'],
  ];
  for (const [cell, text] of labels) ws.getCell(cell).value = text;
  ws.getCell('D8').value = '—';
  ws.getRow(11).values = ['#', 'Description', 'Qty', 'Unit price', 'Net', 'Net × 2'];
  ws.getRow(11).font = { bold: true };
  ws.getRow(11).eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEEFF' } }));
  ws.getCell('F12').value = { formula: 'E12*2' } as ExcelJS.CellFormulaValue;
  ws.getRow(12).border = { bottom: { style: 'thin' } } as ExcelJS.Borders;
  ws.getCell('D13').value = 'Net';
  ws.getCell('E13').value = { formula: 'SUM(E12:E12)' } as ExcelJS.CellFormulaValue;
  ws.getCell('D14').value = 'Tax';
  ws.getCell('D15').value = 'Total';
  ws.getCell('E15').value = { formula: 'E13+E14' } as ExcelJS.CellFormulaValue;
  ws.getCell('A17').value = 'Costa Telecom SL — thank you for your business';
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  const mapping: XlsxMapping = {
    sheet: 'Invoice',
    cells: {
      number: 'B3',
      issueDate: 'B4',
      dueDate: 'B5',
      customerName: 'B6',
      customerTaxId: 'B7',
      periodStart: 'B8',
      periodEnd: 'C8',
      currency: 'B9',
      totalTax: 'E14',
      total: 'F15',
    },
    lines: {
      startRow: 12,
      mode: 'insert',
      columns: { position: 'A', description: 'B', quantity: 'C', unitPrice: 'D', net: 'E' },
    },
    noCurrencyNames: true,
  };
  return { file, mapping };
}
