import { expect, it } from 'vitest';
import { alreadyDone, finishedStatus } from './bulk-actions.ts';

it('a repeated issue or cancel finds the document already done; delete and recalculate never do', () => {
  expect(alreadyDone('issue', 'issued')).toBe(true);
  expect(alreadyDone('issue', 'draft')).toBe(false);
  expect(alreadyDone('issue', 'cancelled')).toBe(false);
  expect(alreadyDone('cancel', 'cancelled')).toBe(true);
  expect(alreadyDone('cancel', 'issued')).toBe(false);
  expect(alreadyDone('delete', 'draft')).toBe(false);
  expect(alreadyDone('recalculate', 'draft')).toBe(false);
});

it('a bulk action with any failed document completes with errors', () => {
  expect(finishedStatus(0)).toBe('completed');
  expect(finishedStatus(2)).toBe('completed_with_errors');
});
