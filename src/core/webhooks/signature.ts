import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Tollbook-Signature';

/** Hex HMAC-SHA256 of "<unix>.<body>" under one secret. */
export function signatureOf(secret: string, unixSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
}

/**
 * The `Tollbook-Signature` value: `t=<unix>,v1=<hex>` with one `v1` per live secret, the current
 * one first. During a rotation's grace period the previous secret signs too, so a receiver that
 * still has the old secret keeps verifying until it switches.
 */
export function signatureHeader(secrets: string[], unixSeconds: number, body: string): string {
  return [`t=${unixSeconds}`, ...secrets.map((s) => `v1=${signatureOf(s, unixSeconds, body)}`)].join(',');
}

/**
 * What a receiver does (and what our tests do): parse the header, refuse a timestamp older than
 * `toleranceSeconds`, and accept when any `v1` matches the secret it holds.
 */
export function verifySignature(
  header: string,
  body: string,
  secret: string,
  nowUnixSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = header.split(',').map((p) => p.trim().split('=') as [string, string]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowUnixSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, t, body), 'hex');
  return parts
    .filter(([k, v]) => k === 'v1' && typeof v === 'string' && /^[0-9a-f]{64}$/.test(v))
    .some(([, v]) => timingSafeEqual(Buffer.from(v, 'hex'), expected));
}
