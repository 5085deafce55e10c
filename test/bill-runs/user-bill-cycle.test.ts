import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { linesOf, twoBillCycles, type TwoCycles } from './two-bill-cycles.ts';

// User bill cycle, sentence by sentence: when an account reaches its bill cycle its open invoice
// closes just before billing; what billing adds, and what comes later, opens the next invoice.
describe('User bill cycle: an invoice closes just before its account is billed on its bill day', () => {
  let env: TestEnv;
  let w: TwoCycles;
  beforeAll(async () => {
    env = await startTestEnv();
    w = await twoBillCycles(env, 'user_bill_cycle');
  }, 120_000);
  afterAll(() => env.close());

  it('closes the open invoice before billing when the account reaches its bill cycle', () => {
    // Run 1 had nothing open to close: what it billed opened an invoice that stays open for a month.
    expect(w.afterRun1['Monthly SL']!.map((d) => d.status)).toEqual(['draft']);
    const [february, march] = w.afterRun2['Monthly SL']!;
    expect([february!.status, february!.number]).toEqual(['issued', 'TEST0001']);
    // Closed before run 2 billed anything: March's package and calls are on the next invoice.
    expect(linesOf(february)).toEqual(['Spain 2.00', 'SIP trunk 30.00']);
    expect([march!.status, ...linesOf(march)]).toEqual(['draft', 'Spain 3.00', 'SIP trunk 30.00']);
  });

  it('shows the payments made up to the close, those during the run included, on the invoice it closes', () => {
    expect(w.afterRun2['Monthly SL']![0]!.payments).toEqual(['before-run-1', 'during-run-1', 'during-run-2']);
  });

  it('opens a new invoice for a transaction added after billing', () => {
    expect(w.afterRun1['Quiet SL']).toEqual([]);
    expect(w.midCycle['Quiet SL']!.map((d) => [d.status, ...linesOf(d)])).toEqual([['draft', 'Static IP setup 12.00']]);
  });

  it('keeps that invoice open until the next bill day: a setup on the 5th closes on the 1st after', () => {
    const [setup] = w.afterRun2['Quiet SL']!;
    expect([setup!.status, setup!.number, setup!.periodStart]).toEqual(['issued', 'TEST0002', '2024-03-05']);
    expect(w.runs[1]!.closedDocumentIds).toContain(setup!.id);
  });

  it('keeps the invoice of an account with a yearly package open until that package bills', () => {
    expect(w.afterRun2['Yearly SL']!.map((d) => [d.status, d.totals.total])).toEqual([['draft', '-5.00']]);
  });
});
