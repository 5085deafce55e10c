import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { linesOf, twoBillCycles, type TwoCycles } from './two-bill-cycles.ts';

describe('Post user billing: an invoice closes as soon as the account has passed through billing', () => {
  let env: TestEnv;
  let w: TwoCycles;
  beforeAll(async () => {
    env = await startTestEnv();
    w = await twoBillCycles(env, 'post_user_billing');
  }, 60_000);
  afterAll(() => env.close());

  it('debug', () => {
    const brief = (m: TwoCycles['afterRun1']) =>
      Object.fromEntries(
        Object.entries(m).map(([k, v]) => [
          k,
          v.map((d) => `${d.status} ${d.number} ${d.periodStart}..${d.periodEnd} ${d.totals.total} [${linesOf(d).join('; ')}] pay=${d.payments.join(',')}`),
        ]),
      );
    console.log(JSON.stringify({ runs: w.runs.map((r) => ({ ...r, startedBy: undefined })), a1: brief(w.afterRun1), mid: brief(w.midCycle), a2: brief(w.afterRun2) }, null, 1));
    expect(linesOf(undefined)).toEqual([]);
  });
});
