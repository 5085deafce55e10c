import type { FieldError } from '../errors.ts';
import type { CustomerInput } from '../ports/customers.ts';
import { isCurrency } from '../../core/money/currency.ts';
import { isTimeZone } from '../../core/time/zones.ts';
import { isValidDate } from '../../core/time/dates.ts';

/** Domain checks the HTTP schema cannot make alone (time zones, currencies, number validity). */
export function validateCustomer(input: Partial<CustomerInput>): FieldError[] {
  const errors: FieldError[] = [];
  if (input.name !== undefined && !input.name.trim())
    errors.push({ field: 'name', code: 'REQUIRED', message: 'name must not be empty' });
  if (input.timezone !== undefined && !isTimeZone(input.timezone)) {
    errors.push({ field: 'timezone', code: 'INVALID_TIMEZONE', message: `unknown time zone ${input.timezone}` });
  }
  if (input.currency !== undefined && !isCurrency(input.currency)) {
    errors.push({
      field: 'currency',
      code: 'INVALID_CURRENCY',
      message: `${input.currency} is not an ISO 4217 currency`,
    });
  }
  (input.numbers ?? []).forEach((n, i) => {
    if (!/^\+?\d{1,32}$/.test(n.number))
      errors.push({
        field: `numbers[${i}].number`,
        code: 'MALFORMED_NUMBER',
        message: `${n.number} is not a phone number`,
      });
    if (!isValidDate(n.validFrom))
      errors.push({ field: `numbers[${i}].validFrom`, code: 'INVALID_DATE', message: 'validFrom must be YYYY-MM-DD' });
    if (n.validTo !== null && (!isValidDate(n.validTo) || n.validTo <= n.validFrom)) {
      errors.push({
        field: `numbers[${i}].validTo`,
        code: 'INVALID_DATE',
        message: 'validTo must be a date after validFrom',
      });
    }
  });
  return errors;
}
