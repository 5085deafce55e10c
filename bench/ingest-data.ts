// Deterministic data for bench/ingest.ts: a rate plan of 5,000 prefixes, 100 customers named by
// account code, and a CSV of calls to those prefixes. A seeded generator keeps runs comparable.
import { openSync, writeSync, closeSync } from 'node:fs';
import { compileRates, rateRecord } from '../src/core/rating/index.ts';
import { RatePlanCache } from '../src/app/usage/rate-plan-cache.ts';
import type { Session } from '../src/app/ports/session.ts';
import { seededRandom } from '../src/core/random/seeded.ts';

export interface BenchPlan {
  rates: Array<{
    prefix: string;
    pricePerMinute: string;
    connectionFee: string;
    minimumSeconds: number;
    incrementSeconds: number;
  }>;
  accountCodes: string[];
}

const RULES = [
  [0, 60],
  [30, 6],
  [1, 1],
  [60, 60],
] as const;

export function benchPlan(): BenchPlan {
  const random = seededRandom(42);
  const seen = new Set<string>();
  const rates: BenchPlan['rates'] = [];
  while (rates.length < 5_000) {
    let prefix = String(1 + Math.floor(random() * 9));
    const length = 2 + Math.floor(random() * 5);
    while (prefix.length < length) prefix += String(Math.floor(random() * 10));
    if (seen.has(prefix)) continue;
    seen.add(prefix);
    const [minimumSeconds, incrementSeconds] = RULES[Math.floor(random() * RULES.length)];
    rates.push({
      prefix,
      pricePerMinute: `0.${String(Math.floor(random() * 1_000_000)).padStart(6, '0')}`,
      connectionFee: random() < 0.2 ? '0.0100' : '0',
      minimumSeconds,
      incrementSeconds,
    });
  }
  return { rates, accountCodes: Array.from({ length: 100 }, (_, i) => `ACC${String(i).padStart(3, '0')}`) };
}

/** Calls to known prefixes (every call rates), as the CSV carries them. */
function* calls(plan: BenchPlan, rows: number, seed = 7) {
  const random = seededRandom(seed);
  const start = Date.UTC(2025, 9, 1);
  for (let i = 0; i < rows; i++) {
    let callee = plan.rates[Math.floor(random() * plan.rates.length)].prefix;
    const length = 11 + Math.floor(random() * 2);
    while (callee.length < length) callee += String(Math.floor(random() * 10));
    yield {
      externalId: `b${i}`,
      accountCode: plan.accountCodes[i % plan.accountCodes.length],
      startedAt: new Date(start + i * 2_000).toISOString().replace('.000Z', 'Z'),
      durationSeconds: Math.floor(random() * 1_200),
      direction: random() < 0.1 ? 'inbound' : 'outbound',
      caller: `3491${String(i % 10_000_000).padStart(7, '0')}`,
      callee,
    };
  }
}

export function generateCsv(file: string, rows: number, plan: BenchPlan): void {
  const fd = openSync(file, 'w');
  try {
    let buffer = 'externalId,accountCode,startedAt,durationSeconds,direction,caller,callee\n';
    for (const c of calls(plan, rows)) {
      buffer += `${c.externalId},${c.accountCode},${c.startedAt},${c.durationSeconds},${c.direction},${c.caller},${c.callee}\n`;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
}

/**
 * Rating alone, on one core: the core's rateRecord, and rating as ingestion does it (pick the
 * customer's plan window for the call, rate, format the price as six-decimal text).
 */
export async function ratingBench(
  plan: BenchPlan,
  n: number,
): Promise<{ records: number; corePerSecond: number; ingestPathPerSecond: number; checksum: number }> {
  const table = compileRates(plan.rates);
  const callees: string[] = [];
  const durations: number[] = [];
  for (const c of calls(plan, n, 11)) {
    callees.push(c.callee);
    durations.push(c.durationSeconds);
  }
  let checksum = 0;
  let t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const r = rateRecord(table, callees[i], durations[i]);
    if (r.ok) checksum += r.priceMicro;
  }
  const coreSeconds = (performance.now() - t0) / 1000;
  // The cache loads through a session; an in-memory one stands in for the database here.
  const cache = new RatePlanCache('t', 'UTC');
  const session = {
    rating: {
      planWindows: async () => [
        {
          customerId: 'c',
          ratePlanId: 'p',
          currency: 'EUR',
          assignmentFrom: '2020-01-01',
          assignmentTo: null,
          planFrom: null,
          planTo: null,
        },
      ],
      rates: async () => plan.rates.map((r) => ({ ...r, destination: null })),
    },
  } as unknown as Session;
  const at = Date.UTC(2025, 9, 5);
  await cache.prepare(session, [{ customerId: 'c', startedAtMs: at }]);
  const customer = { id: 'c', currency: 'EUR' };
  let priced = 0;
  t0 = performance.now();
  for (let i = 0; i < n; i++) if (cache.rate(customer, at + i, callees[i], durations[i]).rated) priced++;
  const ingestSeconds = (performance.now() - t0) / 1000;
  if (priced !== n) throw new Error(`rated ${priced} of ${n}`);
  return {
    records: n,
    corePerSecond: Math.round(n / coreSeconds),
    ingestPathPerSecond: Math.round(n / ingestSeconds),
    checksum,
  };
}
