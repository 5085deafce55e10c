import { expect, it } from 'vitest';
import { paymentStatusOf } from './payment-status.ts';

const invoice = { total: '100.00', paid: '0.00', dueDate: '2024-03-15' };

it.each([
  [invoice, '2024-03-15', 0, 'unpaid'],
  [{ ...invoice, paid: '40.00' }, '2024-03-15', 0, 'partially_paid'],
  [{ ...invoice, paid: '100.00' }, '2024-04-30', 0, 'paid'],
  [{ ...invoice, paid: '120.00' }, '2024-03-01', 0, 'paid'],
  [invoice, '2024-03-16', 0, 'overdue'],
  [{ ...invoice, paid: '40.00' }, '2024-03-16', 0, 'overdue'],
  [invoice, '2024-03-20', 5, 'unpaid'],
  [invoice, '2024-03-21', 5, 'overdue'],
] as const)('%o on %s with %i grace days is %s', (state, today, grace, status) => {
  expect(paymentStatusOf(state, today, grace)).toBe(status);
});
