import { expect, it } from 'vitest';
import { totalInViewingCurrency } from './viewing-currency.ts';

// Base USD. Three documents of 100 with rates frozen at generation; today's rates differ.
const documents = [
  { amount: '100', currency: 'EUR', frozenRate: '0.5' },
  { amount: '100', currency: 'DZD', frozenRate: '0.25' },
  { amount: '100', currency: 'ALL', frozenRate: '0.75' },
];

it.each([
  ['USD', '1', '733.33'],
  ['EUR', '0.75', '500.00'],
  ['DZD', '0.5', '266.67'],
  ['ALL', '1.0', '700.00'],
])('the totals in %s (current rate %s) come to %s', (currency, currentRate, expected) => {
  expect(totalInViewingCurrency(documents, { currency, currentRate, minorUnits: 2 })).toBe(expected);
});
