import { describe, expect, it } from 'vitest';
import { accompanyRefusal, chargeSelection, type ReferencedDocument } from './references.ts';
import { DOCUMENT_TYPES } from './policy.ts';

const invoice: ReferencedDocument = { id: 'doc_1', type: 'invoice', status: 'issued', customerId: 'cus_1' };

describe('accompanyRefusal', () => {
  it('lets an act or a VAT invoice accompany an issued invoice of the same customer', () => {
    expect(accompanyRefusal('act', 'cus_1', invoice)).toBeNull();
    expect(accompanyRefusal('vat_invoice', 'cus_1', invoice)).toBeNull();
  });

  it.each([
    ['draft', 'INVOICE_NOT_ISSUED'],
    ['cancelled', 'INVOICE_NOT_ISSUED'],
  ] as const)('refuses an invoice that is %s', (status, code) => {
    expect(accompanyRefusal('act', 'cus_1', { ...invoice, status })).toMatchObject({ kind: 'rule', code });
  });

  it('refuses a document that is not an invoice, or another customer’s invoice', () => {
    expect(accompanyRefusal('vat_invoice', 'cus_1', { ...invoice, type: 'proforma' })?.code).toBe('NOT_AN_INVOICE');
    expect(accompanyRefusal('act', 'cus_2', invoice)?.code).toBe('OTHER_CUSTOMER');
  });

  it('needs a reference for acts and VAT invoices and refuses one for every other type', () => {
    expect(accompanyRefusal('act', 'cus_1', null)).toMatchObject({ kind: 'validation', code: 'REFERENCE_REQUIRED' });
    for (const type of DOCUMENT_TYPES.filter((t) => t !== 'act' && t !== 'vat_invoice')) {
      expect(accompanyRefusal(type, 'cus_1', null)).toBeNull();
      expect(accompanyRefusal(type, 'cus_1', invoice)?.code).toBe('REFERENCE_NOT_ALLOWED');
    }
  });
});

describe('chargeSelection', () => {
  it('bills an invoice’s charges by billing date, every kind', () => {
    expect(chargeSelection('invoice', false)).toEqual({ basis: 'billing', kinds: ['scheduled', 'unscheduled'] });
  });

  it('bills a proforma’s scheduled charges by service period, unscheduled ones only when the scheme says so', () => {
    expect(chargeSelection('proforma', false)).toEqual({ basis: 'service', kinds: ['scheduled'] });
    expect(chargeSelection('proforma', true)).toEqual({ basis: 'service', kinds: ['scheduled', 'unscheduled'] });
  });

  it('gives acts, VAT invoices, credit notes and reconciliations no charges of their own', () => {
    for (const type of ['act', 'vat_invoice', 'credit_note', 'reconciliation'] as const)
      expect(chargeSelection(type, true)).toBeNull();
  });
});
