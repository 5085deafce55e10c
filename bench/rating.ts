// Rating throughput: a table of 50,000 random prefixes, 2,000,000 random records.
// Run with `npx tsx bench/rating.ts`. The goal (DESIGN.md §4) is at least 1,000,000 records per
// second on one core. A seeded generator keeps runs comparable; a checksum of all prices keeps
// the optimiser from discarding the work. For comparison it also times the simple alternative
// to the trie, a Map probed from the longest prefix length down, on the same records.
import { compileRates, rateRecord } from '../src/core/rating/index.ts';
import type { CompiledRate, PrefixTable, RateInput } from '../src/core/rating/index.ts';
import { seededRandom } from '../src/core/random/seeded.ts';

const PREFIX_COUNT = 50_000;
const RECORD_COUNT = 2_000_000;

const random = seededRandom(20_181_005);
const int = (max: number): number => Math.floor(random() * max);
const digits = (length: number): string => {
  let text = String(1 + int(9));
  while (text.length < length) text += String(int(10));
  return text;
};

function buildRates(): RateInput[] {
  const seen = new Set<string>();
  const rates: RateInput[] = [];
  while (rates.length < PREFIX_COUNT) {
    const prefix = digits(2 + int(7));
    if (seen.has(prefix)) continue;
    seen.add(prefix);
    rates.push({
      prefix,
      pricePerMinute: `0.${String(int(1_000_000)).padStart(6, '0')}`,
      connectionFee: int(4) === 0 ? `0.0${int(10)}` : '0',
      minimumSeconds: [0, 1, 30, 60][int(4)],
      incrementSeconds: [1, 6, 30, 60][int(4)],
      destinationName: `Destination ${prefix}`,
    });
  }
  return rates;
}

function buildRecords(rates: RateInput[]): { callees: string[]; durations: Int32Array } {
  const callees: string[] = new Array<string>(RECORD_COUNT);
  const durations = new Int32Array(RECORD_COUNT);
  for (let i = 0; i < RECORD_COUNT; i++) {
    // Nine in ten callees extend a known prefix; the rest are random digits, which still match a
    // short prefix because 50,000 random prefixes cover every two-digit start, as country codes do.
    const base = int(10) === 0 ? digits(1 + int(3)) : rates[int(rates.length)].prefix;
    callees[i] = base + digits(Math.max(1, 11 + int(3) - base.length));
    durations[i] = int(5) === 0 ? 0 : int(3_600);
  }
  return { callees, durations };
}

function run(
  table: PrefixTable,
  callees: string[],
  durations: Int32Array,
): { seconds: number; rated: number; checksum: number } {
  const started = process.hrtime.bigint();
  let rated = 0;
  let checksum = 0;
  for (let i = 0; i < callees.length; i++) {
    const result = rateRecord(table, callees[i], durations[i]);
    if (result.ok) {
      rated++;
      checksum += result.priceMicro; // at most 2e6 * 6e7 micro: stays a safe integer
    }
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, rated, checksum };
}

/** The alternative we measured against: probe a Map from the longest existing length down. */
function runMapBaseline(rates: readonly CompiledRate[], callees: string[]): { seconds: number; found: number } {
  const byPrefix = new Map(rates.map((rate) => [rate.prefix, rate]));
  const lengths = [...new Set(rates.map((rate) => rate.prefix.length))].sort((a, b) => b - a);
  const started = process.hrtime.bigint();
  let found = 0;
  for (const callee of callees) {
    for (const length of lengths) {
      if (length <= callee.length && byPrefix.get(callee.slice(0, length)) !== undefined) {
        found++;
        break;
      }
    }
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, found };
}

const rates = buildRates();
const buildStarted = process.hrtime.bigint();
const table = compileRates(rates);
const buildSeconds = Number(process.hrtime.bigint() - buildStarted) / 1e9;
const { callees, durations } = buildRecords(rates);

run(table, callees.slice(0, 200_000), durations.subarray(0, 200_000)); // warm-up for the JIT
const result = run(table, callees, durations);
const perSecond = Math.floor(RECORD_COUNT / result.seconds);
const matchOnly = (() => {
  const started = process.hrtime.bigint();
  for (const callee of callees) table.match(callee);
  return Number(process.hrtime.bigint() - started) / 1e9;
})();
const baseline = runMapBaseline(table.rates(), callees);
if (baseline.found !== result.rated)
  throw new Error(`Map baseline found ${baseline.found}, trie rated ${result.rated}`);

console.log(`table: ${table.size} prefixes compiled in ${(buildSeconds * 1000).toFixed(0)} ms`);
console.log(
  `rated ${result.rated} of ${RECORD_COUNT} records in ${result.seconds.toFixed(3)} s (checksum ${result.checksum})`,
);
console.log(`rateRecord: ${perSecond.toLocaleString('en-US')} records/second`);
console.log(
  `lookup only: trie ${Math.floor(RECORD_COUNT / matchOnly).toLocaleString('en-US')}/s, Map probe ${Math.floor(RECORD_COUNT / baseline.seconds).toLocaleString('en-US')}/s`,
);
