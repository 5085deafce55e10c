import type { DocumentStatus } from './lifecycle.ts';
import { policyFor, type DocumentType } from './policy.ts';

/** The part of another document a reference needs to be checked against. */
export interface ReferencedDocument {
  id: string;
  type: DocumentType;
  status: DocumentStatus;
  customerId: string;
}

/** Why a document cannot reference another; always about the request's `accompaniesDocumentId`. */
export interface ReferenceRefusal {
  kind: 'rule' | 'validation';
  code: 'REFERENCE_REQUIRED' | 'REFERENCE_NOT_ALLOWED' | 'NOT_AN_INVOICE' | 'OTHER_CUSTOMER' | 'INVOICE_NOT_ISSUED';
  detail: string;
}

/**
 * Null when a new document of `type` for `customerId` may accompany `target` (or, for types that
 * accompany nothing, when no target is given). Acts and VAT invoices restate an invoice that was
 * issued to the same customer: a draft can still change and a cancelled one bills nothing.
 */
export function accompanyRefusal(
  type: DocumentType,
  customerId: string,
  target: ReferencedDocument | null,
): ReferenceRefusal | null {
  const accompanies = policyFor(type).references === 'accompanies_invoice';
  if (!accompanies) {
    return target
      ? { kind: 'validation', code: 'REFERENCE_NOT_ALLOWED', detail: `a ${type} does not accompany another document` }
      : null;
  }
  if (!target)
    return { kind: 'validation', code: 'REFERENCE_REQUIRED', detail: `a ${type} names the invoice it accompanies` };
  if (target.type !== 'invoice')
    return {
      kind: 'rule',
      code: 'NOT_AN_INVOICE',
      detail: `document ${target.id} is a ${target.type}, not an invoice`,
    };
  if (target.customerId !== customerId)
    return { kind: 'rule', code: 'OTHER_CUSTOMER', detail: `invoice ${target.id} belongs to another customer` };
  if (target.status !== 'issued')
    return {
      kind: 'rule',
      code: 'INVOICE_NOT_ISSUED',
      detail: `invoice ${target.id} is ${target.status}; only an issued invoice can be accompanied by a ${type}`,
    };
  return null;
}

/**
 * Which charges a document of the type bills, and by which date: an invoice bills the charges whose
 * billing date falls in its period; a proforma, made before the period, bills the scheduled charges
 * whose service period lies in it, plus the unscheduled ones when its scheme says so. Other types
 * bill no charges of their own (acts and VAT invoices restate their invoice's).
 */
export function chargeSelection(
  type: DocumentType,
  proformaIncludesUnscheduled: boolean,
): { basis: 'billing' | 'service'; kinds: Array<'scheduled' | 'unscheduled'> } | null {
  switch (type) {
    case 'invoice':
      return { basis: 'billing', kinds: ['scheduled', 'unscheduled'] };
    case 'proforma':
      return { basis: 'service', kinds: proformaIncludesUnscheduled ? ['scheduled', 'unscheduled'] : ['scheduled'] };
    default:
      return null;
  }
}
