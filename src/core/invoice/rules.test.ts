import { describe, expect, it } from 'vitest';
import { checkInvoiceRules, type InvoiceRuleFacts } from './rules.ts';

const ok: InvoiceRuleFacts = {
  today: '2018-11-05',
  periodStart: '2018-10-01',
  periodEnd: '2018-10-31',
  unratedCount: 0,
  overlappingDocumentIds: [],
  lateSources: [],
};
const check = (facts: Partial<InvoiceRuleFacts>) => checkInvoiceRules({ ...ok, ...facts });

describe('checkInvoiceRules', () => {
  it('passes a closed, consistent period', () => {
    expect(check({})).toBeNull();
    expect(check({ today: '2018-11-01' })).toBeNull();
    expect(check({ periodStart: '2018-10-31' })).toBeNull();
  });

  it('FUTURE_PERIOD: the period must end strictly before today', () => {
    expect(check({ today: '2018-10-31' })?.code).toBe('FUTURE_PERIOD');
    expect(check({ today: '2018-10-15' })?.code).toBe('FUTURE_PERIOD');
  });

  it('a future and inverted period is reported as FUTURE_PERIOD', () => {
    expect(check({ today: '2018-10-15', periodStart: '2018-11-01', periodEnd: '2018-10-20' })?.code).toBe(
      'FUTURE_PERIOD',
    );
  });

  it('INVALID_PERIOD: the end may not precede the start', () => {
    expect(check({ periodStart: '2018-11-01' })).toEqual({
      code: 'INVALID_PERIOD',
      detail: expect.stringContaining('2018-10-31'),
    });
  });

  it('UNRATED_USAGE: says how many records are unrated', () => {
    expect(check({ unratedCount: 3 })).toEqual({
      code: 'UNRATED_USAGE',
      detail: '3 outbound external usage records in the period are unrated',
    });
    expect(check({ unratedCount: 1 })?.detail).toBe('1 outbound external usage record in the period is unrated');
  });

  it('OVERLAPPING_DOCUMENT: names the documents', () => {
    expect(check({ overlappingDocumentIds: ['doc-1', 'doc-2'] })).toEqual({
      code: 'OVERLAPPING_DOCUMENT',
      detail: expect.stringContaining('doc-1, doc-2'),
    });
  });

  it('DATA_INCONSISTENT: fixed wording', () => {
    expect(check({ lateSources: [{ source: 'switch-a', watermark: null }] })).toEqual({
      code: 'DATA_INCONSISTENT',
      detail: 'Invoice cannot be generated due to data inconsistencies',
    });
  });

  it('reports only the first broken rule, in the documented order', () => {
    const everything: Partial<InvoiceRuleFacts> = {
      today: '2018-10-15',
      periodStart: '2018-11-01',
      unratedCount: 2,
      overlappingDocumentIds: ['doc-1'],
      lateSources: [{ source: 'switch-a', watermark: '2018-10-30T00:00:00Z' }],
    };
    expect(check(everything)?.code).toBe('FUTURE_PERIOD');
    expect(check({ ...everything, today: '2018-12-01' })?.code).toBe('INVALID_PERIOD');
    expect(check({ ...everything, today: '2018-12-01', periodStart: '2018-10-01' })?.code).toBe('UNRATED_USAGE');
    expect(check({ ...everything, today: '2018-12-01', periodStart: '2018-10-01', unratedCount: 0 })?.code).toBe(
      'OVERLAPPING_DOCUMENT',
    );
    expect(
      check({
        ...everything,
        today: '2018-12-01',
        periodStart: '2018-10-01',
        unratedCount: 0,
        overlappingDocumentIds: [],
      })?.code,
    ).toBe('DATA_INCONSISTENT');
  });
});
