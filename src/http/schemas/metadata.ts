import { z } from 'zod';
import { METADATA_LIMITS } from '../../core/validation/metadata.ts';

const { keys, keyLength, valueLength } = METADATA_LIMITS;

/** Request side: refused with field errors beyond the limits. */
export const metadataInput = z
  .record(z.string().min(1).max(keyLength), z.string().max(valueLength))
  .refine((m) => Object.keys(m).length <= keys, {
    message: `at most ${keys} keys`,
    params: { code: 'TOO_MANY_KEYS' },
  })
  .meta({
    description: `Your own string key/values (at most ${keys} keys, keys up to ${keyLength} characters, values up to ${valueLength}); a PATCH replaces the whole set`,
    maxProperties: keys,
    examples: [{ crmId: 'C-1042', segment: 'smb' }],
  });

export const Metadata = z.record(z.string(), z.string()).meta({
  id: 'Metadata',
  description: 'Your own string key/values, returned as stored',
  examples: [{ crmId: 'C-1042' }],
});
