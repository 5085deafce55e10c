import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES, isDocumentType, policyFor } from './policy.ts';

describe('document type policies', () => {
  it('only invoices claim usage and charges, and only invoices are paid', () => {
    const claiming = DOCUMENT_TYPES.filter((t) => policyFor(t).claimsUsage || policyFor(t).claimsCharges);
    expect(claiming).toEqual(['invoice']);
    expect(DOCUMENT_TYPES.filter((t) => policyFor(t).payable)).toEqual(['invoice']);
  });
  it('invoices check the five creation rules in their documented order', () => {
    expect(policyFor('invoice').rules).toEqual([
      'FUTURE_PERIOD',
      'INVALID_PERIOD',
      'UNRATED_USAGE',
      'OVERLAPPING_DOCUMENT',
      'DATA_INCONSISTENT',
    ]);
  });
  it('a proforma is for a coming period and is not a tax document', () => {
    expect(policyFor('proforma').rules).toContain('PAST_PERIOD');
    expect(policyFor('proforma').taxDocument).toBe(false);
  });
  it('acts and VAT invoices accompany an invoice; credit notes credit a document', () => {
    expect(policyFor('act').references).toBe('accompanies_invoice');
    expect(policyFor('vat_invoice').references).toBe('accompanies_invoice');
    expect(policyFor('vat_invoice').taxDocument).toBe(true);
    expect(policyFor('credit_note').references).toBe('credits_document');
  });
  it('every type is numbered from a sequence of its own kind, and unknown types are refused', () => {
    for (const type of DOCUMENT_TYPES) expect(policyFor(type).sequenceKind).toBe(type);
    expect(isDocumentType('quote')).toBe(false);
    expect(() => policyFor('quote' as never)).toThrow(RangeError);
  });
});
