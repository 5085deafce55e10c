import { expect, it } from 'vitest';
import fc from 'fast-check';
import { issueOrder, type IssueCandidate } from './issue-order.ts';

const doc = (id: string, customerName: string, accountCode: string | null, periodStart = '2024-02-01') => ({
  id,
  customerName,
  accountCode,
  periodStart,
});
const documents: IssueCandidate[] = [
  doc('d1', 'Zeta Telecom', 'A-10'),
  doc('d2', 'acme sl', 'A-2'),
  doc('d3', 'Acme SL', null),
  doc('d4', 'Ábaco', 'A-1'),
  doc('d5', 'Acme SL', 'A-3', '2024-01-01'),
];

it('numbers by customer name, ignoring case and accents, then account code and period', () => {
  expect(issueOrder(documents).map((d) => d.id)).toEqual(['d4', 'd2', 'd5', 'd3', 'd1']);
});

it('numbers by account code in natural order, customers without one last', () => {
  expect(issueOrder(documents, 'account_code').map((d) => d.id)).toEqual(['d4', 'd2', 'd5', 'd1', 'd3']);
});

it('gives the same order whatever order the selection came in', () => {
  fc.assert(
    fc.property(fc.shuffledSubarray(documents, { minLength: documents.length }), (shuffled) => {
      expect(issueOrder(shuffled)).toEqual(issueOrder(documents));
    }),
  );
});
