import type { Customer } from '../ports/customers.ts';
import type { LegalEntity } from '../ports/tenancy.ts';
import type { PartySnapshot } from '../../core/documents/view.ts';

/**
 * Documents keep the sender's and recipient's details as they were when the document was made:
 * a later change of address must not rewrite an invoice already sent.
 */
export function senderSnapshot(e: LegalEntity): PartySnapshot {
  return {
    legalEntityId: e.id,
    name: e.name,
    taxId: e.taxId,
    kpp: e.kpp,
    address: e.address,
    bank: e.bank,
    email: e.email,
    phone: e.phone,
  };
}

export function recipientSnapshot(c: Customer): PartySnapshot {
  return {
    customerId: c.id,
    name: c.legalName ?? c.name,
    taxId: c.taxId,
    kpp: c.kpp,
    address: c.address,
    bank: c.bank,
    email: c.email,
    phone: c.phone,
    billingEmails: c.billingEmails,
  };
}
