import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentType } from '../ports/documents.ts';
import type { NumberSequence } from '../ports/sequences.ts';
import type { Session } from '../ports/session.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { validateFormat } from '../../core/numbering/validation.ts';
import { formatNumber, nextValue, resetKey, type SequenceFormat } from '../../core/numbering/sequence.ts';
import { todayInZone } from '../../core/time/zones.ts';

export type SequenceInput = Omit<NumberSequence, 'id' | 'tenantId' | 'createdAt'>;

export interface SequenceView extends NumberSequence {
  /** The last number issued in the current reset period, as printed; null before the first. */
  latestValue: string | null;
  /** What the next issued document would get today. */
  nextNumber: string;
}

const formatFields = ['prefix', 'padding', 'increment', 'start', 'reset', 'pattern'] as const;

export async function createSequence(deps: Deps, ctx: CallContext, input: SequenceInput): Promise<SequenceView> {
  const errors = validateFormat(input);
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (s) => {
    const seq = await s.sequences.insertSequence({ ...input, id: newId('seq'), tenantId: ctx.tenantId });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'number_sequence',
      objectId: seq.id,
      action: 'created',
      after: seq,
    });
    return view(s, deps, ctx, seq, []);
  });
}

/** A sequence that has issued numbers keeps its format: changing it would break the series. */
export async function updateSequence(
  deps: Deps,
  ctx: CallContext,
  id: string,
  patch: Partial<SequenceInput>,
): Promise<SequenceView> {
  return deps.uow.run(async (s) => {
    const before = await s.sequences.getSequence(ctx.tenantId, id);
    if (!before) throw notFound('Number sequence', id);
    const merged: SequenceFormat = { ...before, ...patch };
    const errors = validateFormat(merged);
    if (errors.length) throw invalid(errors);
    const counters = await s.sequences.sequenceCounters(id);
    const formatChanged = formatFields.some((f) => patch[f] !== undefined && patch[f] !== before[f]);
    if (formatChanged && counters.length)
      throw conflict(
        'SEQUENCE_IN_USE',
        `number sequence ${id} has issued numbers; its format cannot change (create a new sequence)`,
      );
    const after = await s.sequences.updateSequence(ctx.tenantId, id, patch);
    await recordChange(s, ctx, deps.clock, {
      objectType: 'number_sequence',
      objectId: id,
      action: 'updated',
      before,
      after,
    });
    return view(s, deps, ctx, after!, counters);
  });
}

export async function getSequence(deps: Deps, ctx: CallContext, id: string): Promise<SequenceView> {
  return deps.uow.run(async (s) => {
    const seq = await s.sequences.getSequence(ctx.tenantId, id);
    if (!seq) throw notFound('Number sequence', id);
    return view(s, deps, ctx, seq, await s.sequences.sequenceCounters(id));
  });
}

export async function listSequences(
  deps: Deps,
  ctx: CallContext,
  documentType?: DocumentType,
): Promise<SequenceView[]> {
  return deps.uow.run(async (s) => {
    const all = (await s.sequences.listSequences(ctx.tenantId)).filter(
      (q) => !documentType || q.documentType === documentType,
    );
    const views: SequenceView[] = [];
    for (const q of all) views.push(await view(s, deps, ctx, q, await s.sequences.sequenceCounters(q.id)));
    return views;
  });
}

// Runs inside the caller's session: a nested unit of work would wait on itself on the embedded database.
async function view(
  s: Session,
  deps: Deps,
  ctx: CallContext,
  seq: NumberSequence,
  counters: Array<{ resetKey: string; lastValue: number }>,
): Promise<SequenceView> {
  const tenant = await s.tenancy.getTenant(ctx.tenantId);
  const today = todayInZone(deps.clock.now(), tenant!.timezone);
  const current = counters.find((c) => c.resetKey === resetKey(seq, today));
  return {
    ...seq,
    latestValue: current ? formatNumber(seq, current.lastValue, today) : null,
    nextNumber: formatNumber(seq, nextValue(seq, current?.lastValue ?? null), today),
  };
}
