import type { DocumentRecord, DocumentType } from '../ports/documents.ts';
import type { NumberSequence } from '../ports/sequences.ts';
import type { Session } from '../ports/session.ts';
import { conflict, refused } from '../errors.ts';
import { formatNumber, resetKey } from '../../core/numbering/sequence.ts';

/**
 * The number is taken here, in the issuing transaction, from the sequence's counter row: if the
 * issue rolls back, so does the number, so a sequence never has gaps; concurrent issuers queue on
 * the row lock, so no number is given twice.
 */
export async function assignNumber(
  s: Session,
  doc: DocumentRecord,
  issueDate: string,
): Promise<{ number: string; numberSequenceId: string | null }> {
  if (doc.customNumber) {
    if (await s.documents.numberTaken(doc.tenantId, doc.type, doc.customNumber, doc.id))
      throw conflict('NUMBER_TAKEN', `number ${doc.customNumber} is already used`);
    return { number: doc.customNumber, numberSequenceId: null };
  }
  const seq = await sequenceFor(s, doc);
  if (!seq) throw noNumberSequence(doc.type);
  const value = await s.sequences.takeSequenceValue(seq.id, resetKey(seq, issueDate), seq.start, seq.increment);
  const number = formatNumber(seq, value, issueDate);
  // Another sequence with the same prefix, or a custom number, may already hold it; the counter
  // rolls back with this refusal, so the operator can fix the series without a gap.
  if (await s.documents.numberTaken(doc.tenantId, doc.type, number, doc.id)) throw numberTaken(number, seq, doc.type);
  return { number, numberSequenceId: seq.id };
}

/** The sequence a document without a custom number takes its number from: its own, else the type's first. */
export async function sequenceFor(s: Session, doc: DocumentRecord): Promise<NumberSequence | null> {
  return doc.numberSequenceId
    ? await s.sequences.getSequence(doc.tenantId, doc.numberSequenceId)
    : ((await s.sequences.listSequences(doc.tenantId)).find((q) => q.documentType === doc.type) ?? null);
}

export const noNumberSequence = (type: DocumentType) =>
  refused(
    'NO_NUMBER_SEQUENCE',
    `there is no ${type} number sequence to number this document; create one or give a custom number`,
  );

export const numberTaken = (number: string, seq: NumberSequence, type: DocumentType) =>
  conflict(
    'NUMBER_TAKEN',
    `number ${number} from sequence ${seq.name} is already used by another ${type}; change the sequence's prefix or pattern`,
  );
