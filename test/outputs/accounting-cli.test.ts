import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = join(process.cwd(), 'bin/tollbook.js');
const env = { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' };

describe('tollbook export-accounting writes the accounting file of a period', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollbook-accounting-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the CommerceML file to --out with progress on stderr', async () => {
    const cli = (...args: string[]) => run('node', [bin, '--data-dir', dir, ...args], { env });
    await cli('tenant', 'create', '--name', 'Books Telecom', '--timezone', 'Europe/Madrid', '--currency', 'EUR');

    const xml = join(dir, 'march.xml');
    const written = await cli('export-accounting', '--from', '2024-03-01', '--to', '2024-03-31', '--out', xml);
    expect(written.stderr).toContain('read 0 documents and 0 payments');
    expect(written.stderr).toMatch(/wrote .*march\.xml: commerceml, 0 documents and 0 payments/);
    expect(readFileSync(xml, 'utf8')).toContain('<КоммерческаяИнформация ВерсияСхемы="2.10"');
  }, 900_000);
});
