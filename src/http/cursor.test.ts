import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('list cursors', () => {
  it('decode every position they encode', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 50, unit: 'grapheme' }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s)),
        (position) => {
          expect(decodeCursor(encodeCursor(position))).toBe(position);
        },
      ),
    );
    expect(decodeCursor(encodeCursor('2018-10-05T10:00:00.000Z|ur_0abc'))).toBe('2018-10-05T10:00:00.000Z|ur_0abc');
  });

  it('treat a missing or empty cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  it('refuse what no list hands out with INVALID_CURSOR on the field cursor', () => {
    const forged = [
      'AAAA', // three NUL bytes
      '_w', // 0xff: not UTF-8
      'Zm9v-', // not canonical base64url
      'Zm9v=',
      'a b',
      '%00',
      encodeCursor('x'.repeat(201)),
      encodeCursor('line\nbreak'),
    ];
    for (const cursor of forged) {
      expect(() => decodeCursor(cursor), cursor).toThrowError(
        expect.objectContaining({ code: 'INVALID_CURSOR', errors: [expect.objectContaining({ field: 'cursor' })] }),
      );
    }
  });
});
