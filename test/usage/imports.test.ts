import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { runUsageImport } from '../../src/app/usage/run-usage-import.ts';
import { customer, ok, planFor, usage } from './support.ts';

const csv = { 'content-type': 'text/csv' };

describe('Importing usage files through the API', () => {
  let env: TestEnv;
  let api: ApiClient;
  let tenantId: string;
  let acme: { id: string };

  const upload = (query: string, body: string | Buffer) => api('POST', `/api/v1/usage-imports?${query}`, body, csv);
  const finish = async (id: string) => {
    await env.runtime.queue.drain();
    return ok(api, 'GET', `/api/v1/usage-imports/${id}`);
  };

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-15T10:00:00Z' });
    ({ api, tenantId } = await env.newTenant({ timezone: 'Europe/Madrid' }));
    acme = await customer(api, { name: 'Acme', accountCode: 'ACME' });
    await planFor(api, acme.id, [
      { prefix: '34', pricePerMinute: '0.0600', connectionFee: '0', minimumSeconds: 0, incrementSeconds: 60 },
    ]);
  });
  afterAll(() => env.close());

  it('imports a CSV through a column mapping, as a job whose progress can be polled', async () => {
    const file = [
      'call_id,account,start,secs,dir,from,to',
      'x-1,ACME,2025-10-01T08:00:00Z,60,outbound,34911111111,34600000001',
      'x-2,ACME,2025-10-01T09:00:00Z,61,outbound,34911111111,34600000002',
      'x-3,ACME,2025-10-01T10:00:00Z,-4,outbound,34911111111,34600000003',
      'x-4,ACME,2025-10-01T11:00:00Z,30,inbound,34600000004,34911111111',
    ].join('\r\n');
    const mapping = JSON.stringify({
      externalId: 'call_id',
      accountCode: 'account',
      startedAt: 'start',
      durationSeconds: 'secs',
      direction: 'dir',
      caller: 'from',
      callee: 'to',
    });
    const res = await upload(
      `format=csv&source=billing-export&mapping=${encodeURIComponent(mapping)}&fileName=october.csv`,
      file,
    );
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      status: 'queued',
      format: 'csv',
      source: 'billing-export',
      fileName: 'october.csv',
      totalRows: 4,
      processedRows: 0,
      progress: 0,
    });
    const done = await finish(res.body.id);
    expect(done).toMatchObject({
      status: 'completed',
      totalRows: 4,
      processedRows: 4,
      accepted: 3,
      duplicates: 0,
      rejected: 1,
      skipped: 0,
      progress: 1,
      finishedAt: '2026-01-15T10:00:00Z',
    });
    const rejections = await ok(api, 'GET', `/api/v1/usage-imports/${res.body.id}/rejections`);
    expect(rejections.data).toEqual([
      expect.objectContaining({
        line: 4,
        code: 'NEGATIVE_DURATION',
        raw: expect.objectContaining({ call_id: 'x-3', secs: '-4' }),
      }),
    ]);
    const stored = await usage(api, `source=billing-export`);
    expect(stored.map((r) => [r.externalId, r.price, r.direction, r.importId])).toEqual([
      ['x-1', '0.060000', 'outbound', res.body.id],
      ['x-2', '0.120000', 'outbound', res.body.id],
      ['x-4', '0.060000', 'inbound', res.body.id],
    ]);
    // Sending the same file again stores nothing new.
    const again = await upload(`format=csv&source=billing-export&mapping=${encodeURIComponent(mapping)}`, file);
    expect(await finish(again.body.id)).toMatchObject({ status: 'completed', accepted: 0, duplicates: 3, rejected: 1 });
  });

  it('maps columns named like the fields without a mapping (external_id, Started-At …)', async () => {
    const file =
      'External_Id,Customer_Id,Started-At,DURATION_SECONDS,caller,callee\nn-1,' +
      acme.id +
      ',2025-10-02T08:00:00Z,60,34911111111,34600000001\n';
    const res = await upload('format=csv&source=named', file);
    expect(await finish(res.body.id)).toMatchObject({ status: 'completed', accepted: 1 });
  });

  it('refuses at upload a CSV that lacks a column the import needs, with a clear error', async () => {
    const mapping = JSON.stringify({
      externalId: 'id',
      startedAt: 'start',
      durationSeconds: 'secs',
      caller: 'from',
      callee: 'dst',
    });
    const res = await upload(
      `format=csv&mapping=${encodeURIComponent(mapping)}`,
      'id,start,secs,from,to\n1,2025-10-01T08:00:00Z,60,34911111111,34600000001\n',
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MISSING_COLUMNS');
    expect(res.body.errors).toEqual([
      { field: 'mapping.callee', code: 'MISSING_COLUMN', message: 'column "dst" is not in the file\'s header' },
    ]);
    const noCallee = await upload(
      'format=csv',
      'externalId,startedAt,durationSeconds,caller\n1,2025-10-01T08:00:00Z,60,34911111111\n',
    );
    expect(noCallee.status).toBe(400);
    expect(noCallee.body.errors).toEqual([
      expect.objectContaining({ field: 'mapping.callee', code: 'MISSING_COLUMN' }),
    ]);
    expect((await upload('format=csv', '')).body.code).toBe('EMPTY_FILE');
    expect((await upload('format=xml', 'a')).status).toBe(400);
    expect((await upload('format=asterisk&timezone=Mars/Olympus', 'a')).body.errors[0]).toMatchObject({
      field: 'timezone',
      code: 'INVALID_TIMEZONE',
    });
    expect((await upload('format=csv&mapping=%7Bnope', 'a')).body.errors[0]).toMatchObject({
      field: 'mapping',
      code: 'INVALID_MAPPING',
    });
    expect((await api('POST', '/api/v1/usage-imports?format=csv', { records: [] })).status).toBe(415);
  });

  it('rejects the lines of a non-UTF-8 file one by one as INVALID_ENCODING and keeps the others; with its encoding named, it imports whole', async () => {
    const latin1 = Buffer.from(
      `externalId,accountCode,startedAt,durationSeconds,caller,callee,source\nl-1,ACME,2025-10-03T08:00:00Z,60,34911111111,34600000001,Martín\nl-2,ACME,2025-10-03T09:00:00Z,60,34911111111,34600000002,plain\n`,
      'latin1',
    );
    const res = await upload('format=csv', latin1);
    expect(res.status).toBe(202);
    const done = await finish(res.body.id);
    expect(done).toMatchObject({ status: 'completed', accepted: 1, rejected: 1 });
    const [bad] = (await ok(api, 'GET', `/api/v1/usage-imports/${res.body.id}/rejections`)).data;
    expect(bad).toMatchObject({ line: 2, code: 'INVALID_ENCODING' });
    const named = await upload('format=csv&encoding=windows-1252', latin1);
    expect(await finish(named.body.id)).toMatchObject({ status: 'completed', accepted: 1, duplicates: 1, rejected: 0 });
    expect((await usage(api, 'source=Mart%C3%ADn')).map((r) => r.externalId)).toEqual(['l-1']);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        'externalId,accountCode,startedAt,durationSeconds,caller,callee\nu-1,ACME,2025-10-03T10:00:00Z,60,34911111111,34600000001\n',
        'utf16le',
      ),
    ]);
    expect(await finish((await upload('format=csv', utf16)).body.id)).toMatchObject({ accepted: 1, rejected: 0 });
    const binary = Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x0a, 0x41, 0x00, 0x0a]);
    expect((await upload('format=csv', binary)).status).toBe(400);
  });

  it('imports an Asterisk Master.csv, converting its local times, skipping unanswered calls', async () => {
    const alice = await customer(api, { name: 'Alice Martin SL', accountCode: '1001' });
    const john = await customer(api, { name: 'John Doe SL', accountCode: '1002' });
    const reception = await customer(api, { name: 'Reception SL', accountCode: '1003', numbers: ['34910000004'] });
    for (const c of [alice, john, reception])
      await planFor(
        api,
        c.id,
        [{ prefix: '34', pricePerMinute: '0.0600', connectionFee: '0', minimumSeconds: 0, incrementSeconds: 60 }],
        {},
        '2018-01-01',
      );
    const res = await upload(
      'format=asterisk&source=pbx-madrid&timezone=Europe/Madrid',
      readFileSync('test/fixtures/asterisk-Master.csv', 'utf8'),
    );
    expect(res.status).toBe(202);
    const done = await finish(res.body.id);
    expect(done).toMatchObject({ status: 'completed', totalRows: 14, accepted: 8, rejected: 1, skipped: 5 });
    const [rejected] = (await ok(api, 'GET', `/api/v1/usage-imports/${res.body.id}/rejections`)).data;
    expect(rejected).toMatchObject({ line: 8, code: 'MALFORMED_NUMBER' });
    const aliceCalls = await usage(api, `customerId=${alice.id}`);
    expect(aliceCalls.map((r) => [r.externalId, r.startedAt, r.durationSeconds, r.price])).toEqual([
      ['1538726400.1', '2018-10-05T08:00:00Z', 65, '0.120000'],
      ['1538746200.14', '2018-10-05T13:30:00Z', 300, null],
      ['1540686600.18', '2018-10-28T00:30:00Z', 120, '0.120000'],
    ]);
    expect((await usage(api, `customerId=${reception.id}`)).map((r) => r.externalId)).toEqual([
      '1538733600.8',
      '1538737200.11',
      '1540800000.20',
    ]);
  });

  it('resumes an interrupted import from its processed rows, without duplicates', async () => {
    const rows = Array.from(
      { length: 7 },
      (_, i) => `r-${i},ACME,2025-10-04T0${i}:00:00Z,60,34911111111,3460000000${i}`,
    );
    const res = await upload(
      'format=csv&source=resumable&batchSize=2',
      `externalId,accountCode,startedAt,durationSeconds,caller,callee\n${rows.join('\n')}\n`,
    );
    // The worker stops after its first batch, as if the process had died there.
    await runUsageImport(env.runtime.deps, tenantId, res.body.id, { maxBatches: 1 });
    const halfway = await ok(api, 'GET', `/api/v1/usage-imports/${res.body.id}`);
    expect(halfway).toMatchObject({ status: 'running', processedRows: 2, accepted: 2, totalRows: 7, progress: 0.285 });
    expect((await api('POST', `/api/v1/usage-imports/${res.body.id}/resume`)).status).toBe(202);
    const done = await finish(res.body.id);
    expect(done).toMatchObject({ status: 'completed', processedRows: 7, accepted: 7, duplicates: 0, rejected: 0 });
    expect((await usage(api, 'source=resumable')).map((r) => r.externalId)).toEqual(rows.map((_, i) => `r-${i}`));
    const resumeDone = await api('POST', `/api/v1/usage-imports/${res.body.id}/resume`);
    expect([resumeDone.status, resumeDone.body.code]).toEqual([409, 'IMPORT_COMPLETED']);
    const list = await ok(api, 'GET', '/api/v1/usage-imports?limit=2');
    expect(list.data[0].id).toBe(res.body.id);
  });
});
