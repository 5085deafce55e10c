import { describe, expect, it } from 'vitest';
import { checkDocumentRules, checkInvoiceRules, INVOICE_RULE_ORDER, type InvoiceRuleFacts } from './rules.ts';
import { policyFor } from '../documents/policy.ts';

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

describe('checkDocumentRules', () => {
  const facts = { ...ok, today: '2018-11-15' };
  const proforma = policyFor('proforma').rules;

  it('refuses a proforma for a period that ended before today, and allows the current and coming ones', () => {
    expect(checkDocumentRules(proforma, { ...facts, periodStart: '2018-10-01', periodEnd: '2018-10-31' })?.code).toBe(
      'PAST_PERIOD',
    );
    expect(checkDocumentRules(proforma, { ...facts, periodStart: '2018-11-01', periodEnd: '2018-11-30' })).toBeNull();
    expect(checkDocumentRules(proforma, { ...facts, periodStart: '2018-12-01', periodEnd: '2018-12-31' })).toBeNull();
  });

  it('asks a proforma nothing about usage, overlaps or late sources', () => {
    const busy = {
      ...facts,
      periodStart: '2018-12-01',
      periodEnd: '2018-12-31',
      unratedCount: 3,
      overlappingDocumentIds: ['doc_1'],
      lateSources: [{ source: 'sw1', watermark: null }],
    };
    expect(checkDocumentRules(proforma, busy)).toBeNull();
    expect(checkDocumentRules(policyFor('invoice').rules, busy)?.code).toBe('FUTURE_PERIOD');
  });

  it('reports the first broken rule in the order the type lists them', () => {
    const reversed = { ...facts, periodStart: '2018-12-31', periodEnd: '2018-12-01' };
    expect(checkDocumentRules(proforma, reversed)?.code).toBe('INVALID_PERIOD');
    expect(
      checkDocumentRules(['INVALID_PERIOD', 'PAST_PERIOD'], {
        ...facts,
        periodStart: '2018-10-31',
        periodEnd: '2018-10-01',
      })?.code,
    ).toBe('INVALID_PERIOD');
  });

  it('gives an invoice exactly the invoice rules', () => {
    expect(policyFor('invoice').rules).toEqual(INVOICE_RULE_ORDER);
  });
});
