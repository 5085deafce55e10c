import { usageRecords } from '../../src/db/schema/index.ts';
import { newId } from '../../src/app/ids.ts';
import type { TestEnv } from './runtime.ts';

export interface SeedCall {
  startedAt: string;
  durationSeconds?: number;
  price?: string | null;
  prefix?: string;
  destination?: string;
  direction?: 'outbound' | 'inbound';
  external?: boolean;
  callee?: string;
}

let seq = 0;

/**
 * Puts rated usage straight into the store, for scenarios about documents rather than ingestion
 * (ingestion has its own tests). `price: null` makes an unrated record.
 */
export async function seedUsage(env: TestEnv, tenantId: string, customerId: string, calls: SeedCall[], source = 'sw1') {
  await env.runtime.database.db.insert(usageRecords).values(
    calls.map((c) => {
      seq += 1;
      const rated = c.price !== null;
      return {
        id: newId('ur'),
        tenantId,
        source,
        externalId: `seed-${process.pid}-${seq}`,
        customerId,
        startedAt: c.startedAt,
        durationSeconds: c.durationSeconds ?? 60,
        direction: c.direction ?? 'outbound',
        external: c.external ?? true,
        caller: '34911111111',
        callee: c.callee ?? `${c.prefix ?? '34'}600000000`,
        price: rated ? (c.price ?? '1.000000') : null,
        currency: 'EUR',
        rated,
        unratedReason: rated ? null : 'NO_RATE',
        destinationPrefix: rated ? (c.prefix ?? '34') : null,
        destinationName: rated ? (c.destination ?? 'Spain') : null,
        billableSeconds: c.durationSeconds ?? 60,
      };
    }),
  );
}
