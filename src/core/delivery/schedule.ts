import { Temporal } from 'temporal-polyfill';

/**
 * When a message queued at `queuedAt` leaves: at once when the interval is 0, else at the next
 * boundary of the tenant's sending rhythm (every N minutes from midnight UTC), so that messages
 * queued within one interval leave together in one batch.
 */
export function sendSlotAfter(queuedAt: Temporal.Instant, intervalMinutes: number): Temporal.Instant {
  if (intervalMinutes <= 0) return queuedAt;
  const step = BigInt(intervalMinutes) * 60_000_000_000n;
  const ns = queuedAt.epochNanoseconds;
  const slot = ((ns + step - 1n) / step) * step;
  return Temporal.Instant.fromEpochNanoseconds(slot);
}

/** Attempts a message gets for temporary failures before it is `failed` for good. */
export const MAX_SEND_ATTEMPTS = 6;

/** Minutes before the next try after `attempts` failed ones: 1, 2, 4, 8, 16, … capped at an hour. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}
