import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

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
  return `${prefix}_${time}${seq}${randomBytes(6).toString('hex')}`;
}
