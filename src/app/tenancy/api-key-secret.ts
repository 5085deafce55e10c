import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys are 256-bit random secrets, so a plain SHA-256 is enough to store them: there is no
 * low-entropy password to brute-force. The key is shown once, at creation.
 */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `tbk_${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, 12) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
