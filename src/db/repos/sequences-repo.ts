import { and, asc, eq, sql } from 'drizzle-orm';
import type { NumberSequence, SequencesRepo } from '../../app/ports/sequences.ts';
import { numberCounters, numberSequences } from '../schema/index.ts';
import { withIsoTimestamps } from './rows.ts';
import type { Db } from '../types.ts';

const toSequence = (r: typeof numberSequences.$inferSelect): NumberSequence =>
  withIsoTimestamps({
    id: r.id,
    tenantId: r.tenantId,
    name: r.name,
    documentType: r.documentType as NumberSequence['documentType'],
    prefix: r.prefix,
    padding: r.padding,
    increment: r.increment,
    start: r.start,
    reset: r.reset as NumberSequence['reset'],
    pattern: r.pattern,
    createdAt: r.createdAt,
  });

export function sequencesRepo(tx: Db): SequencesRepo {
  return {
    async insertSequence(seq) {
      return toSequence((await tx.insert(numberSequences).values(seq).returning())[0]!);
    },
    async updateSequence(tenantId, id, patch) {
      const [row] = await tx
        .update(numberSequences)
        .set({ ...patch, updatedAt: sql`now()` as unknown as string })
        .where(and(eq(numberSequences.tenantId, tenantId), eq(numberSequences.id, id)))
        .returning();
      return row ? toSequence(row) : null;
    },
    async getSequence(tenantId, id) {
      const [row] = await tx
        .select()
        .from(numberSequences)
        .where(and(eq(numberSequences.tenantId, tenantId), eq(numberSequences.id, id)));
      return row ? toSequence(row) : null;
    },
    async listSequences(tenantId) {
      return (
        await tx
          .select()
          .from(numberSequences)
          .where(eq(numberSequences.tenantId, tenantId))
          .orderBy(asc(numberSequences.id))
      ).map(toSequence);
    },
    async sequenceCounters(sequenceId) {
      return tx
        .select({ resetKey: numberCounters.resetKey, lastValue: numberCounters.lastValue })
        .from(numberCounters)
        .where(eq(numberCounters.sequenceId, sequenceId));
    },
    async takeSequenceValues(sequenceId, resetKey, start, increment, count) {
      // As `count` single takes: a new period starts at `start`, an existing one moves on from its last value.
      const [row] = await tx
        .insert(numberCounters)
        .values({ sequenceId, resetKey, lastValue: start + (count - 1) * increment })
        .onConflictDoUpdate({
          target: [numberCounters.sequenceId, numberCounters.resetKey],
          set: { lastValue: sql`${numberCounters.lastValue} + ${count * increment}` },
        })
        .returning({ lastValue: numberCounters.lastValue });
      return row!.lastValue - (count - 1) * increment;
    },
    async takeSequenceValue(sequenceId, resetKey, start, increment) {
      // One statement: the first number of a period inserts the row, later ones bump it under its row lock.
      const [row] = await tx
        .insert(numberCounters)
        .values({ sequenceId, resetKey, lastValue: start })
        .onConflictDoUpdate({
          target: [numberCounters.sequenceId, numberCounters.resetKey],
          set: { lastValue: sql`${numberCounters.lastValue} + ${increment}` },
        })
        .returning({ lastValue: numberCounters.lastValue });
      return row!.lastValue;
    },
  };
}
