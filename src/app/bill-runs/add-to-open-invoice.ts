import type { Session } from '../ports/session.ts';
import type { Customer } from '../ports/customers.ts';
import type { Charge } from '../ports/charges.ts';
import type { Clock } from '../context.ts';
import { billOntoOpenInvoices } from './open-invoices.ts';

/**
 * A transaction added between runs for an account billed in bill cycles lands on its open invoice
 * at once (opening one when it has none and the charge costs something), so the invoice shows it
 * and the next close issues it. Usage is left as it is: it is billed by runs, up to their cutoff.
 */
export async function addToOpenInvoice(s: Session, clock: Clock, customer: Customer, charge: Charge): Promise<void> {
  if (!customer.billGroupId) return;
  const group = await s.billGroups.get(customer.tenantId, customer.billGroupId);
  if (!group) return;
  const day = charge.billingDate;
  await billOntoOpenInvoices(
    s,
    group,
    [{ customer, from: day, usageThrough: null, chargesThrough: day, period: { start: day, end: day } }],
    clock.now().toString(),
  );
}
