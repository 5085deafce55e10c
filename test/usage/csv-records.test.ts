import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordReader, readCsv, splitRecord } from '../../src/app/usage/csv-records.ts';
import { decodeChunks } from '../../src/app/usage/decode-text.ts';

/** RFC 4180 writing: quote a field when it holds a comma, a quote or a newline. */
const quote = (field: string) => (/[",\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
const field = fc.string({ unit: fc.constantFrom('a', 'b', '1', ',', '"', '\n', ' ', 'é', '€'), maxLength: 8 });
const record = fc
  .array(field, { minLength: 1, maxLength: 6 })
  .filter((fields) => !(fields.length === 1 && fields[0] === ''));

function readInChunks(text: string, cuts: number[]) {
  const reader = new CsvRecordReader();
  const out = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(...reader.push(text.slice(at, cut)));
    at = cut;
  }
  out.push(...reader.push(text.slice(at)), ...reader.end());
  return out;
}

describe('Reading CSV records', () => {
  it('reads back what an RFC 4180 writer wrote, whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(400), { maxLength: 6 }),
        fc.boolean(),
        (records, cuts, crlf) => {
          const text = records.map((r) => r.map(quote).join(',')).join(crlf ? '\r\n' : '\n');
          const read = readInChunks(
            text,
            cuts.map((c) => Math.min(c, text.length)),
          );
          expect(read.map((r) => r.fields)).toEqual(records);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('numbers records by the file line they start on, skipping blank lines', () => {
    const read = readCsv('a,b\n\n"multi\nline",x\nlast,y');
    expect(read.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [3, ['multi\nline', 'x']],
      [5, ['last', 'y']],
    ]);
  });

  it('is lenient where files commonly are, strict where data would be lost', () => {
    expect(splitRecord('ab"c,d')).toEqual(['ab"c', 'd']);
    expect(splitRecord('a,,')).toEqual(['a', '', '']);
    expect(splitRecord('"a"x,b')).toEqual({ error: 'unexpected text after the closing quote of field 1' });
  });

  it('reports a quote that never closes on its own line and reads on from the next', () => {
    const lines = ['ok,1', '"open,2', ...Array.from({ length: 60 }, (_, i) => `row${i},${i}`)];
    const read = readCsv(lines.join('\n'));
    expect(read[0]).toMatchObject({ line: 1, fields: ['ok', '1'] });
    expect(read[1]).toMatchObject({ line: 2, fields: null, error: 'a quoted field is not closed' });
    expect(read.slice(2).map((r) => r.line)).toEqual(Array.from({ length: 60 }, (_, i) => i + 3));
    expect(readCsv('a\n"never closed')).toEqual([
      { line: 1, fields: ['a'], text: 'a' },
      { line: 2, fields: null, error: 'a quoted field is not closed', text: '"never closed' },
    ]);
  });

  it('decodes UTF-8 across chunk boundaries, marks invalid bytes and NULs with U+FFFD, and honours a UTF-16 BOM', async () => {
    const text = 'Martín € ok\n';
    const bytes = Buffer.from(text, 'utf8');
    const chunks = async function* () {
      for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
    };
    let out = '';
    for await (const t of decodeChunks(chunks())) out += t;
    expect(out).toBe(text);
    const latin = async function* () {
      yield Buffer.from('Mart\xedn\u0000\n', 'latin1');
    };
    out = '';
    for await (const t of decodeChunks(latin())) out += t;
    expect(out).toBe('Mart\uFFFDn\uFFFD\n');
    const utf16 = async function* () {
      yield Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('día\n', 'utf16le')]);
    };
    out = '';
    for await (const t of decodeChunks(utf16())) out += t;
    expect(out).toBe('día\n');
  });
});
