import type { SequenceFormat } from '../../core/numbering/sequence.ts';
import type { DocumentType } from '../../core/documents/types.ts';

export interface NumberSequence extends SequenceFormat {
  id: string;
  tenantId: string;
  name: string;
  documentType: DocumentType;
  createdAt: string;
}

/** Number sequences and their per-period counters. */
export interface SequencesRepo {
  insertSequence(seq: Omit<NumberSequence, 'createdAt'>): Promise<NumberSequence>;
  updateSequence(
    tenantId: string,
    id: string,
    patch: Partial<Omit<NumberSequence, 'id' | 'tenantId' | 'createdAt'>>,
  ): Promise<NumberSequence | null>;
  getSequence(tenantId: string, id: string): Promise<NumberSequence | null>;
  listSequences(tenantId: string): Promise<NumberSequence[]>;
  /** Latest value taken per reset period; empty when the sequence never issued a number. */
  sequenceCounters(sequenceId: string): Promise<Array<{ resetKey: string; lastValue: number }>>;
  /** Takes the next value under the counter row's lock, in the caller's (issuing) transaction. */
  takeSequenceValue(sequenceId: string, resetKey: string, start: number, increment: number): Promise<number>;
  /**
   * Takes `count` consecutive values at once under the counter row's lock (a bulk issue's range);
   * returns the first. The counter ends where `count` single takes would have left it.
   */
  takeSequenceValues(
    sequenceId: string,
    resetKey: string,
    start: number,
    increment: number,
    count: number,
  ): Promise<number>;
}
