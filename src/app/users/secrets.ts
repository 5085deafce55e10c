import { createHash, randomBytes } from 'node:crypto';

/** A 256-bit random secret for a cookie or a one-use link, and the hash that is stored instead. */
export function newSecret(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecret(token) };
}

export const hashSecret = (token: string) => createHash('sha256').update(token).digest('hex');

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
