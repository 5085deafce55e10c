import { PassThrough, Readable } from 'node:stream';
import { once } from 'node:events';
import { excelJs } from '../xlsx/exceljs.ts';
import { stringify } from 'csv-stringify/sync';
import type { ExportColumn } from '../../app/exports/list-exports.ts';

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return) as a formula, so
 * such text cells are prefixed with an apostrophe. Number columns hold values Tollbook formatted
 * itself (a negative amount starts with "-"), so they are left as they are.
 */
export function neutralizeCell(value: unknown, column: ExportColumn): string {
  const text = value === null || value === undefined ? '' : String(value);
  return column.type === 'text' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** CSV, page by page: one page of rows is in memory at a time. */
export function csvTable(columns: ExportColumn[], pages: AsyncIterable<unknown[][]>): Readable {
  return Readable.from(
    (async function* () {
      yield stringify([columns.map((c) => c.name)]);
      for await (const rows of pages) {
        if (rows.length) yield stringify(rows.map((r) => r.map((v, i) => neutralizeCell(v, columns[i]!))));
      }
    })(),
  );
}

/**
 * XLSX through exceljs's streaming writer: rows are committed as they come and the ZIP is written
 * to the stream, so memory stays flat whatever the row count. Strings in XLSX are never formulas,
 * so no neutralising is needed; number columns are typed as numbers.
 */
export function xlsxTable(sheetName: string, columns: ExportColumn[], pages: AsyncIterable<unknown[][]>): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      const ExcelJS = await excelJs();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useSharedStrings: false,
        useStyles: true,
      });
      const sheet = workbook.addWorksheet(sheetName);
      sheet.columns = columns.map((c) => ({ header: c.name, key: c.name, width: Math.max(12, c.name.length + 2) }));
      for await (const rows of pages) {
        for (const row of rows) {
          sheet
            .addRow(
              row.map((v, i) =>
                v === null || v === undefined
                  ? null
                  : columns[i]!.type === 'number' && v !== '' && !Number.isNaN(Number(v))
                    ? Number(v)
                    : typeof v === 'boolean'
                      ? v
                      : String(v),
              ),
            )
            .commit();
        }
        // Let the reader catch up before fetching the next page.
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
