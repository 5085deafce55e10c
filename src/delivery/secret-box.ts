import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretBox } from '../app/ports/mail.ts';

const VERSION = 'v1';

/** A 32-byte key from TOLLBOOK_SECRET_KEY: 64 hex digits or base64 of 32 bytes. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32)
    throw new Error(
      'TOLLBOOK_SECRET_KEY must be 32 bytes, written as 64 hex digits or in base64 (openssl rand -hex 32)',
    );
  return key;
}

/**
 * AES-256-GCM: each secret gets a fresh 96-bit nonce, and the tag makes a wrong key or an
 * altered ciphertext fail instead of decrypting to garbage. Stored as `v1:<iv>:<tag>:<data>`.
 */
export function secretBox(key: Buffer | null): SecretBox {
  return {
    available: key !== null,
    seal(plain) {
      if (!key) throw new Error('no secret key configured');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(
        ':',
      );
    },
    open(sealed) {
      if (!key) throw new Error('no secret key configured');
      const [version, iv, tag, data] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Where the key comes from: TOLLBOOK_SECRET_KEY when set; otherwise, on the embedded database, a
 * key generated once and kept beside the data (`<data dir>/secret.key`, mode 0600 — back it up
 * with the data: without it stored passwords must be entered again); an in-memory database gets
 * a key that lives as long as it does. A PostgreSQL deployment without the variable has no key,
 * and a password is refused with SECRET_KEY_MISSING rather than stored in a way one could read.
 */
export function secretKeyFor(options: {
  envKey: string | undefined;
  dataDir: string | undefined;
  embedded: boolean;
}): Buffer | null {
  if (options.envKey) return parseSecretKey(options.envKey);
  if (!options.embedded) return null;
  const dir = options.dataDir ?? './data';
  if (dir.startsWith('memory://')) return randomBytes(32);
  const file = `${dir}/secret.key`;
  if (existsSync(file)) return parseSecretKey(readFileSync(file, 'utf8'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return parseSecretKey(readFileSync(file, 'utf8'));
}
