import type { RecipientRule } from './settings.ts';

// A deliberately plain check (local@domain.tld, no spaces, no display names): the SMTP server is
// the final judge, this only keeps typing mistakes out of the queue with a clear field error.
const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]{2,}$/;

export const isEmailAddress = (value: string): boolean => value.length <= 254 && ADDRESS.test(value);

/**
 * The addresses one document goes to: the customer's billing emails (falling back to its main
 * email), the tenant's staff addresses, both, or nobody — each address once, in order, compared
 * case-insensitively.
 */
export function recipientsFor(
  rule: RecipientRule,
  customer: { email: string | null; billingEmails: string[] },
  staffEmails: string[],
): string[] {
  const customerEmails =
    customer.billingEmails.length > 0 ? customer.billingEmails : customer.email ? [customer.email] : [];
  const chosen =
    rule === 'customer'
      ? customerEmails
      : rule === 'staff'
        ? staffEmails
        : rule === 'both'
          ? [...customerEmails, ...staffEmails]
          : [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of chosen) {
    const address = raw.trim();
    const key = address.toLowerCase();
    if (!address || seen.has(key)) continue;
    seen.add(key);
    out.push(address);
  }
  return out;
}
