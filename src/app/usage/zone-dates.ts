import { startOfDay } from '../../core/time/zones.ts';

// Validity dates (numbers, rate plans, assignments) are whole days in the tenant's time zone, like
// every other date in Tollbook (DESIGN §4). Rating compares them with millions of call times, so
// each boundary is turned into epoch milliseconds once, and calls are compared as numbers.

const cache = new Map<string, number>();

/** Epoch milliseconds of the start of `date` (YYYY-MM-DD) in `timeZone`. */
export function startOfDayMs(date: string, timeZone: string): number {
  const key = `${timeZone}|${date}`;
  let ms = cache.get(key);
  if (ms === undefined) {
    ms = startOfDay(date, timeZone).epochMilliseconds;
    if (cache.size > 100_000) cache.clear();
    cache.set(key, ms);
  }
  return ms;
}

/** A half-open window [fromMs, toMs) from optional date boundaries; null means open. */
export function windowMs(from: string | null, to: string | null, timeZone: string): { fromMs: number; toMs: number } {
  return {
    fromMs: from === null ? -Infinity : startOfDayMs(from, timeZone),
    toMs: to === null ? Infinity : startOfDayMs(to, timeZone),
  };
}

/**
 * Of the windows containing `atMs`, the one that starts last (a newer assignment supersedes an
 * older one); on equal starts the later item wins, as in core/rating's pickValid.
 */
export function pickWindow<T extends { fromMs: number; toMs: number }>(
  windows: readonly T[],
  atMs: number,
): T | undefined {
  let best: T | undefined;
  for (const w of windows) {
    if (w.fromMs > atMs || atMs >= w.toMs) continue;
    if (best === undefined || w.fromMs >= best.fromMs) best = w;
  }
  return best;
}
