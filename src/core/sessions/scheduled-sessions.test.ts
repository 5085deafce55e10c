import { describe, expect, it } from 'vitest';
import { scheduledSessions, type ScheduledCustomer } from './scheduled-sessions.ts';

const customer = (id: string, billingPeriod: ScheduledCustomer['billingPeriod'], activationDate = '2024-01-01') => ({
  id,
  billingPeriod,
  activationDate,
  covered: [] as ScheduledCustomer['covered'],
});
const show = (today: string, customers: ScheduledCustomer[], skipMissing = false) =>
  scheduledSessions(customers, today, skipMissing).map(
    (s) => `${s.billingPeriod} ${s.periodStart}..${s.periodEnd}: ${s.customerIds.join(',')}`,
  );

describe('the sessions a schedule opens when it fires', () => {
  it('on 1 March 2024: one session for February (a leap year) for every monthly customer', () => {
    const customers = [customer('a', 'monthly'), customer('b', 'monthly')];
    customers.forEach((c) => c.covered.push({ start: '2024-01-01', end: '2024-01-31' }));
    expect(show('2024-03-01', customers)).toEqual(['monthly 2024-02-01..2024-02-29: a,b']);
  });
  it('weekly customers get one session per closed Monday–Sunday week, biweekly per half month', () => {
    const weekly = customer('w', 'weekly', '2024-02-19');
    const biweekly = customer('h', 'biweekly', '2024-02-01');
    expect(show('2024-03-01', [weekly, biweekly])).toEqual([
      'biweekly 2024-02-01..2024-02-15: h',
      'biweekly 2024-02-16..2024-02-29: h',
      'weekly 2024-02-19..2024-02-25: w',
    ]);
  });
  it('back-generates the missing months unless the tenant skips missing documents', () => {
    const late = customer('late', 'monthly', '2023-11-01');
    late.covered.push({ start: '2023-11-01', end: '2023-11-30' });
    const onTime = customer('ok', 'monthly', '2023-11-01');
    onTime.covered.push({ start: '2023-11-01', end: '2024-01-31' });
    expect(show('2024-03-01', [late, onTime])).toEqual([
      'monthly 2023-12-01..2023-12-31: late',
      'monthly 2024-01-01..2024-01-31: late',
      'monthly 2024-02-01..2024-02-29: late,ok',
    ]);
    expect(show('2024-03-01', [late, onTime], true)).toEqual(['monthly 2024-02-01..2024-02-29: late,ok']);
  });
  it('a customer activated mid-month is billed from its activation date, in a session of its own', () => {
    expect(
      show('2024-03-01', [customer('a', 'monthly', '2024-02-01'), customer('new', 'monthly', '2024-02-12')]),
    ).toEqual(['monthly 2024-02-01..2024-02-29: a', 'monthly 2024-02-12..2024-02-29: new']);
  });
  it('plans nothing once every period is covered: a repeated firing opens no session', () => {
    const billed = customer('a', 'monthly', '2024-02-01');
    billed.covered.push({ start: '2024-02-01', end: '2024-02-29' });
    expect(show('2024-03-01', [billed])).toEqual([]);
  });
});
