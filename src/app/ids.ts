import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

// Random bytes drawn a thousand ids at a time: drawing them per id took about a tenth of the Node
// CPU of a generation session (profile of 2,000 customers), whose chunks name thousands of
// documents, lines, charges and events. The session's wall time did not move (it waits on the
// database meanwhile), but every other worker job sharing the thread gains that CPU.
const POOL_IDS = 1024;
let pool = Buffer.alloc(0);
let taken = 0;
function randomHex6(): string {
  if (taken + 6 > pool.length) {
    pool = randomBytes(6 * POOL_IDS);
    taken = 0;
  }
  taken += 6;
  return pool.toString('hex', taken - 6, taken);
}

/**
 * Opaque, prefixed ids that sort by creation order (time, then a per-process counter, then
 * randomness), so that `id > cursor` pagination is stable without a second sort column.
 */
export function newId(prefix: string): string {
  const ms = Date.now();
  counter = ms === lastMs ? counter + 1 : 0;
  lastMs = ms;
  const time = ms.toString(36).padStart(9, '0');
  const seq = counter.toString(36).padStart(3, '0');
  return `${prefix}_${time}${seq}${randomHex6()}`;
}

const BATCH_INDEX_DIGITS = 4;
/** The largest batch newIds names at once (36^4, far above any ingestion batch). */
export const MAX_BATCH_IDS = 36 ** BATCH_INDEX_DIGITS;

/**
 * Ids for the rows of one batch, in batch order: the time in milliseconds, the row's index within
 * this batch, then randomness. Unlike a counter shared by the process (or a database sequence
 * shared by all tenants), nothing in them counts what anyone else created: a tenant learns the
 * time its own rows were stored and their order, no more. Usage records and rejections, created
 * by the million across tenants, are named this way. One clock read and one random draw a batch.
 */
export function newIds(prefix: string, count: number): string[] {
  if (count > MAX_BATCH_IDS) throw new RangeError(`newIds names at most ${MAX_BATCH_IDS} rows at once`);
  const head = `${prefix}_${Date.now().toString(36).padStart(9, '0')}`;
  const random = randomBytes(6 * count).toString('hex');
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    out[i] = head + i.toString(36).padStart(BATCH_INDEX_DIGITS, '0') + random.slice(i * 12, i * 12 + 12);
  }
  return out;
}

/** True for text shaped like an id of ours (prefix, underscore, base36): cursors and lookups check it. */
export function looksLikeId(text: string): boolean {
  return /^[a-z]{1,10}_[0-9a-z]{1,60}$/.test(text);
}
