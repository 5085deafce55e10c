import { describe, expect, it } from 'vitest';
import { accountSteps, closesAllAfterRun, opensInvoice, presentsRunPayments, type AccountInRun } from './close-plan.ts';

const monthlyDue: AccountInRun = { packageDue: true, hasPackages: true, hasUnbilledItems: false, cancelled: false };
const quarterlyMidway: AccountInRun = { ...monthlyDue, packageDue: false };

describe('close types', () => {
  it('user bill cycle closes before billing, so what the run bills opens the next invoice', () => {
    expect(accountSteps('user_bill_cycle', monthlyDue)).toEqual(['present_payments', 'close', 'bill']);
  });

  it('user bill cycle keeps a quarterly account open until its package bills again', () => {
    expect(accountSteps('user_bill_cycle', quarterlyMidway)).toEqual(['bill']);
  });

  it('post user billing closes right after the account passes through billing', () => {
    expect(accountSteps('post_user_billing', monthlyDue)).toEqual(['present_payments', 'bill', 'close']);
  });

  it('post user billing looks at a cancelled account, and at one with only usage', () => {
    expect(accountSteps('post_user_billing', { ...quarterlyMidway, cancelled: true })).toContain('close');
    expect(accountSteps('post_user_billing', { ...quarterlyMidway, hasUnbilledItems: true })).toContain('close');
  });

  it('post user billing leaves alone an account billing has nothing to look at', () => {
    expect(accountSteps('post_user_billing', quarterlyMidway)).toEqual([]);
  });

  it('after each bill run closes nothing per account and everything at the end', () => {
    expect(accountSteps('after_each_bill_run', monthlyDue)).toEqual(['bill']);
    expect(closesAllAfterRun('after_each_bill_run')).toBe(true);
    expect(closesAllAfterRun('post_user_billing')).toBe(false);
    expect(closesAllAfterRun('user_bill_cycle')).toBe(false);
  });

  it('payments of the run wait for the next invoice only with post user billing', () => {
    expect(presentsRunPayments('post_user_billing')).toBe(false);
    expect(presentsRunPayments('user_bill_cycle')).toBe(true);
    expect(presentsRunPayments('after_each_bill_run')).toBe(true);
  });

  it('opens an invoice only for something that costs money', () => {
    expect(opensInvoice(['0.0000', '0'])).toBe(false);
    expect(opensInvoice(['0', '-5.00'])).toBe(true);
    expect(opensInvoice([])).toBe(false);
  });
});
