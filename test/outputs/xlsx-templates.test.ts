import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';
import { sampleInvoiceTemplate } from '../../src/documents/xlsx/sample-template.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A ZIP whose central directory declares one entry of `expanded` bytes packed into `packed`. */
function declaredZip(expanded: number, packed: number): Buffer {
  const name = Buffer.from('xl/workbook.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(packed, 20);
  central.writeUInt32LE(expanded, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length, 16);
  return Buffer.concat([local, name, central, name, end]);
}

async function cellOf(xlsx: Buffer, address: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  return wb.worksheets[0]!.getCell(address).value;
}

describe("XLSX from the operator's own template", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(() => env.close());

  async function tenantWithTemplate() {
    const t = await invoicingTenant(env);
    const { file, mapping } = await sampleInvoiceTemplate();
    const upload = async (bytes: Buffer) =>
      t.api('POST', '/api/v1/xlsx-templates?name=Ours&documentType=invoice', bytes, { 'content-type': XLSX });
    const uploaded = await upload(file);
    expect(uploaded.status).toBe(201);
    const mapped = await t.api('PUT', `/api/v1/xlsx-templates/${uploaded.body.id}/mapping`, mapping);
    expect(mapped.status).toBe(200);
    return { t, templateId: uploaded.body.id as string, mapping, file, upload };
  }

  async function invoice(t: Awaited<ReturnType<typeof invoicingTenant>>) {
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2018-10-02T09:00:00Z', price: '100.00', prefix: '35567', destination: 'Albania mobile' },
      { startedAt: '2018-10-03T09:00:00Z', price: '5.00', prefix: '34', destination: 'Spain' },
    ]);
    return makeInvoice(
      env,
      t.api,
      {
        type: 'invoice',
        customerId: t.customerId,
        periodStart: '2018-10-01',
        periodEnd: '2018-10-31',
        numberSequenceId: t.sequenceId,
        taxRate: '21',
      },
      { issue: true },
    );
  }

  it('places the mapped values at their cells and the lines as a table, amounts as numbers', async () => {
    const { t, templateId } = await tenantWithTemplate();
    expect((await t.api('POST', `/api/v1/xlsx-templates/${templateId}/activate`, {})).status).toBe(200);
    const doc = await invoice(t);
    const res = await t.api('GET', `/api/v1/documents/${doc.id}/xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(await cellOf(res.bytes, 'B3')).toBe('TEST0001');
    expect(await cellOf(res.bytes, 'B6')).toBe('Client Corp SA');
    expect(await cellOf(res.bytes, 'B12')).toBe('Albania mobile');
    expect(await cellOf(res.bytes, 'B13')).toBe('Spain');
    expect(await cellOf(res.bytes, 'E13')).toBe(5);
    expect(await cellOf(res.bytes, 'F16')).toBe(127.05); // total, pushed down one row
    expect(await cellOf(res.bytes, 'A1')).toBe('INVOICE');
  });

  it('keeps the XLSX of existing documents unless the new template is applied to them', async () => {
    const { t, templateId, mapping, upload } = await tenantWithTemplate();
    await t.api('POST', `/api/v1/xlsx-templates/${templateId}/activate`, {});
    const doc = await invoice(t);
    const first = await t.api('GET', `/api/v1/documents/${doc.id}/xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await sampleInvoiceTemplate()).file as unknown as ArrayBuffer);
    wb.worksheets[0]!.getCell('A1').value = 'FACTURA';
    const second = (await upload(Buffer.from(await wb.xlsx.writeBuffer()))).body.id as string;
    await t.api('PUT', `/api/v1/xlsx-templates/${second}/mapping`, mapping);
    await t.api('POST', `/api/v1/xlsx-templates/${second}/activate`, { applyToExisting: false });
    const kept = await t.api('GET', `/api/v1/documents/${doc.id}/xlsx`);
    expect(kept.bytes.equals(first.bytes)).toBe(true);
    const applied = await t.api('POST', `/api/v1/xlsx-templates/${second}/activate`, { applyToExisting: true });
    expect(applied.body.documentsToRerender).toBe(1);
    expect(await cellOf((await t.api('GET', `/api/v1/documents/${doc.id}/xlsx`)).bytes, 'A1')).toBe('FACTURA');
    expect((await t.api('GET', `/api/v1/xlsx-templates/${templateId}`)).body.active).toBe(false);
  });

  it('refuses bad uploads and bad mappings with clear codes, storing nothing', async () => {
    const { t, templateId, mapping, upload } = await tenantWithTemplate();
    const pdf = await upload(Buffer.from('%PDF-1.4 this is not a workbook'));
    expect([pdf.status, pdf.body.code]).toEqual([422, 'NOT_XLSX']);
    const bomb = await upload(declaredZip(400 * 1024 * 1024, 400 * 1024));
    expect([bomb.status, bomb.body.code]).toEqual([422, 'ZIP_BOMB']);
    const huge = await upload(Buffer.alloc(6 * 1024 * 1024, 1));
    expect(huge.status).toBe(413);
    expect((await t.api('GET', '/api/v1/xlsx-templates')).body.data).toHaveLength(1);

    const bad = await t.api('PUT', `/api/v1/xlsx-templates/${templateId}/mapping`, {
      ...mapping,
      cells: { number: 'ZZZZ0', issueDate: 'A0', dueDate: 'C3', total: 'C3' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`)).toEqual([
      'cells.number INVALID_CELL_ADDRESS',
      'cells.issueDate INVALID_CELL_ADDRESS',
      'cells.total CELL_TAKEN',
    ]);
    const noMapping = await upload((await sampleInvoiceTemplate()).file);
    const refused = await t.api('POST', `/api/v1/xlsx-templates/${noMapping.body.id}/activate`, {});
    expect([refused.status, refused.body.code]).toEqual([409, 'XLSX_MAPPING_MISSING']);
  });

  it('asks for a template when none is active, and keeps templates per tenant', async () => {
    const { t, templateId } = await tenantWithTemplate();
    const doc = await invoice(t);
    const none = await t.api('GET', `/api/v1/documents/${doc.id}/xlsx`);
    expect([none.status, none.body.code]).toEqual([422, 'NO_XLSX_TEMPLATE']);
    const other = await invoicingTenant(env);
    expect((await other.api('GET', `/api/v1/xlsx-templates/${templateId}`)).status).toBe(404);
    expect((await other.api('GET', '/api/v1/xlsx-templates')).body.data).toEqual([]);
  });
});
