import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocatePayment, ALLOCATION_CRITERIA, type AllocationConfiguration, type OpenDocument } from './allocation.ts';
import { Dec } from '../money/decimal.ts';

const doc = (id: string, open: string, issueDate: string, dueDate: string, servicePriority: number | null = null) => ({
  id,
  open,
  issueDate,
  dueDate,
  servicePriority,
});
// Three open invoices of one customer: January (overdue by March), February, March.
const january = doc('inv_jan', '50.00', '2024-02-01', '2024-02-15', 3);
const february = doc('inv_feb', '80.00', '2024-03-01', '2024-03-15', 1);
const march = doc('inv_mar', '30.00', '2024-04-01', '2024-04-15', 2);
const all = [march, february, january];
const pay = (amount: string, config: AllocationConfiguration, documents: OpenDocument[] = all) =>
  allocatePayment({ amount, paymentDate: '2024-03-10', minorUnits: 2 }, documents, config);

describe('allocation configurations', () => {
  it('oldest due date first pays January, then February in part', () => {
    expect(pay('80.00', { criteria: ['due_date'], allowPartial: true })).toEqual({
      allocations: [
        { documentId: 'inv_jan', amount: '50.00' },
        { documentId: 'inv_feb', amount: '30.00' },
      ],
      unallocated: '0.00',
    });
  });
  it('exact amount first pays the invoice of exactly that amount, whatever its age', () => {
    expect(pay('80.00', { criteria: ['exact_amount', 'due_date'], allowPartial: true }).allocations).toEqual([
      { documentId: 'inv_feb', amount: '80.00' },
    ]);
  });
  it('service priority pays the document with the most important service first', () => {
    const result = pay('100.00', { criteria: ['service_priority'], allowPartial: true });
    expect(result.allocations.map((a) => a.documentId)).toEqual(['inv_feb', 'inv_mar']);
    expect(result.allocations[1]!.amount).toBe('20.00');
  });
  it('outstanding debts first puts the overdue January invoice before a more important service', () => {
    const result = pay('60.00', { criteria: ['outstanding_debts', 'service_priority'], allowPartial: true });
    expect(result.allocations).toEqual([
      { documentId: 'inv_jan', amount: '50.00' },
      { documentId: 'inv_feb', amount: '10.00' },
    ]);
  });
  it('without partial allocation, a document is skipped unless the payment covers it whole', () => {
    expect(pay('60.00', { criteria: ['due_date'], allowPartial: false })).toEqual({
      allocations: [{ documentId: 'inv_jan', amount: '50.00' }],
      unallocated: '10.00',
    });
  });
  it('an overpayment keeps the rest unallocated as customer credit', () => {
    expect(pay('200.00', { criteria: ['due_date'], allowPartial: true }).unallocated).toBe('40.00');
  });
});

const documentArbitrary = fc.record({
  id: fc.stringMatching(/^doc_[a-z0-9]{4}$/),
  open: fc.integer({ min: 1, max: 100_000 }).map((cents) => new Dec(cents).dividedBy(100).toFixed(2)),
  issueDate: fc.constantFrom('2024-01-01', '2024-02-01', '2024-03-01'),
  dueDate: fc.constantFrom('2024-01-15', '2024-02-15', '2024-03-15'),
  servicePriority: fc.option(fc.integer({ min: 1, max: 5 })),
});
const configArbitrary = fc.record({
  criteria: fc.subarray([...ALLOCATION_CRITERIA]).chain((c) => fc.shuffledSubarray(c, { minLength: c.length })),
  allowPartial: fc.boolean(),
});

describe('allocation properties', () => {
  it('conserves money, never over-allocates, and is deterministic whatever the input order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(documentArbitrary, { selector: (d) => d.id, maxLength: 12 }),
        fc.integer({ min: 0, max: 500_000 }),
        configArbitrary,
        (documents, cents, config) => {
          const amount = new Dec(cents).dividedBy(100).toFixed(2);
          const result = pay(amount, config, documents);
          const allocated = result.allocations.reduce((sum, a) => sum.plus(a.amount), new Dec(0));
          expect(allocated.plus(result.unallocated).eq(amount)).toBe(true);
          for (const a of result.allocations) {
            const open = documents.find((d) => d.id === a.documentId)!.open;
            expect(new Dec(a.amount).gt(0) && new Dec(a.amount).lte(open)).toBe(true);
          }
          expect(new Set(result.allocations.map((a) => a.documentId)).size).toBe(result.allocations.length);
          expect(pay(amount, config, [...documents].reverse())).toEqual(result);
        },
      ),
    );
  });
  it('payments allocated one after another never pay a document more than it owes, and conserve money', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(documentArbitrary, { selector: (d) => d.id, minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: 1, maxLength: 6 }),
        configArbitrary,
        (documents, payments, config) => {
          const open = new Map(documents.map((d) => [d.id, new Dec(d.open)]));
          let received = new Dec(0);
          let credit = new Dec(0);
          for (const cents of payments) {
            const amount = new Dec(cents).dividedBy(100).toFixed(2);
            received = received.plus(amount);
            const still = documents.map((d) => ({ ...d, open: open.get(d.id)!.toFixed(2) }));
            const result = pay(amount, config, still);
            for (const a of result.allocations) open.set(a.documentId, open.get(a.documentId)!.minus(a.amount));
            credit = credit.plus(result.unallocated);
          }
          for (const d of documents) expect(open.get(d.id)!.gte(0)).toBe(true);
          const paid = documents.reduce((t, d) => t.plus(d.open).minus(open.get(d.id)!), new Dec(0));
          expect(paid.plus(credit).eq(received)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
