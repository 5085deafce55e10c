import { describe, expect, it } from 'vitest';
import { MAX_BATCH_IDS, looksLikeId, newId, newIds } from './ids.ts';

describe('ids', () => {
  it('name a batch in batch order, unique, shaped like every other id', () => {
    const ids = newIds('ur', 5000);
    expect(new Set(ids).size).toBe(5000);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 10)) expect(looksLikeId(id)).toBe(true);
    expect(ids[0]).toMatch(/^ur_[0-9a-z]{25}$/);
  });

  it('count nothing that others created: a batch is numbered from zero whatever came before', () => {
    const before = newIds('ur', 3);
    for (let i = 0; i < 50; i++) newIds('ur', 100); // another tenant's traffic
    newId('cus');
    const after = newIds('ur', 3);
    // Strip the time (9 characters after the prefix) and the randomness: the index is all that remains.
    const index = (id: string) => id.slice(3 + 9, 3 + 9 + 4);
    expect(after.map(index)).toEqual(['0000', '0001', '0002']);
    expect(before.map(index)).toEqual(after.map(index));
  });

  it('refuses a batch larger than its index can order', () => {
    expect(() => newIds('ur', MAX_BATCH_IDS + 1)).toThrow(RangeError);
    expect(newIds('ur', 0)).toEqual([]);
  });

  it('tell ids from other text', () => {
    for (const text of ['ur_0mi2v0k5c0000abcdef123456', 'ur_00000000000000000042', 'cus_abc']) {
      expect(looksLikeId(text), text).toBe(true);
    }
    for (const text of ['42', '', 'ur_', 'UR_1', 'ur_1|2', 'ur_\u0000']) expect(looksLikeId(text), text).toBe(false);
  });
});

describe('newId', () => {
  it('gives unique ids that sort by creation, across refills of its random pool', () => {
    const ids = Array.from({ length: 5000 }, () => newId('doc'));
    expect(new Set(ids).size).toBe(5000);
    expect([...ids].sort()).toEqual(ids);
    // The random tails differ too, not only the counter: no tail repeats across the pool's refills.
    expect(new Set(ids.map((id) => id.slice(-12))).size).toBe(5000);
    for (const id of ids.slice(0, 5)) expect(id).toMatch(/^doc_[0-9a-z]{12}[0-9a-f]{12}$/);
  });
});
