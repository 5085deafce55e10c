import { describe, expect, it } from 'vitest';
import { billRunNotice, NOTICE_ERROR_LINES, type RunNoticeFacts } from './run-notice.ts';

const facts: RunNoticeFacts = {
  runId: 'br_1',
  groupName: 'Tenth',
  billDate: '2024-03-10',
  closeType: 'post_user_billing',
  status: 'completed_with_errors',
  startedAt: '2024-03-10T09:00:00Z',
  finishedAt: '2024-03-10T09:02:00Z',
  counts: {
    accountsTotal: 3,
    accountsBilled: 2,
    accountsFailed: 1,
    accountsSkipped: 0,
    invoicesOpened: 2,
    invoicesClosed: 2,
  },
  errors: [{ customerId: 'cus_1', code: 'UNBILLED_USAGE_TOO_OLD', message: '1 call older than 2023-12-10' }],
};

describe('bill run notices', () => {
  it('announce the start with the number of accounts', () => {
    const n = billRunNotice('started', facts);
    expect(n.subject).toBe('Bill run of Tenth for 2024-03-10 started (3 accounts)');
    expect(n.body).toContain('Invoice close type: post_user_billing.');
  });

  it('report the end with counts and the failed accounts', () => {
    const n = billRunNotice('finished', facts);
    expect(n.subject).toBe('Bill run of Tenth for 2024-03-10 completed with errors: 2 invoices closed, 1 failed');
    expect(n.body).toContain('Accounts: 3 (billed 2, nothing to bill 0, failed 1)');
    expect(n.body).toContain('- cus_1: UNBILLED_USAGE_TOO_OLD — 1 call older than 2023-12-10');
  });

  it('list at most a page of errors and count the rest', () => {
    const errors = Array.from({ length: NOTICE_ERROR_LINES + 5 }, (_, i) => ({
      customerId: `cus_${i}`,
      code: 'X',
      message: 'm',
    }));
    const body = billRunNotice('finished', { ...facts, errors }).body;
    expect(body.split('\n').filter((l) => l.startsWith('- cus_'))).toHaveLength(NOTICE_ERROR_LINES);
    expect(body).toContain('… and 5 more');
  });
});
