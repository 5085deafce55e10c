export interface RetryPolicy {
  /** Attempts in all, the first included; after the last failed one the delivery is `failed`. */
  maxAttempts: number;
  /** The wait after the first failed attempt; each further failure doubles it. */
  baseDelaySeconds: number;
  /** No wait grows beyond this. */
  maxDelaySeconds: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 8, baseDelaySeconds: 30, maxDelaySeconds: 3600 };

/**
 * The wait before attempt `failedAttempts + 1`, or null when the attempts are used up. Exponential
 * back-off: base, 2×base, 4×base … capped, so an endpoint that is down is not hammered and a
 * delivery that cannot succeed ends in a bounded time (about an hour with the defaults).
 */
export function nextRetryDelaySeconds(policy: RetryPolicy, failedAttempts: number): number | null {
  if (failedAttempts >= policy.maxAttempts) return null;
  const delay = policy.baseDelaySeconds * 2 ** Math.max(0, failedAttempts - 1);
  return Math.min(policy.maxDelaySeconds, delay);
}

/** A response status that counts as delivered: any 2xx. Redirects are not followed. */
export const isDelivered = (statusCode: number | null): boolean =>
  statusCode !== null && statusCode >= 200 && statusCode < 300;
