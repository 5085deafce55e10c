import type { Deps } from '../deps.ts';
import { killPoint } from '../reliability/kill-points.ts';
import { StaleSnapshot } from '../documents/commit-document.ts';
import { makeChunkDocuments } from './session-documents.ts';
import { finishSession } from './finish-session.ts';

export interface ChunkJob {
  tenantId: string;
  sessionId: string;
  chunk: number;
}

/**
 * One chunk of a session, in one transaction: its documents, its customers' errors, the chunk
 * marked finished and the session's counters moved on commit together, so a crash loses the
 * chunk entirely (the retried job makes it again) or not at all (the retry finds it finished).
 * The chunk that finishes last closes the session.
 */
export async function runSessionChunk(deps: Deps, job: ChunkJob): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await runOnce(deps, job);
      killPoint('session.chunk.committed');
      return;
    } catch (error) {
      // Charges another document claimed between snapshot and claim: everything rolled back; again.
      if (!(error instanceof StaleSnapshot) || attempt >= 3) throw error;
    }
  }
}

async function runOnce(deps: Deps, job: ChunkJob): Promise<void> {
  await deps.uow.run(async (s) => {
    const customerIds = await s.generationSessions.claimChunk(job.tenantId, job.sessionId, job.chunk);
    if (!customerIds) return;
    const session = (await s.generationSessions.get(job.tenantId, job.sessionId))!;
    if (session.status !== 'in_progress') return;
    const made = await makeChunkDocuments(deps, s, session, customerIds);
    const after = await s.generationSessions.finishChunk(job.tenantId, job.sessionId, job.chunk, {
      done: customerIds.length - made.errors.length,
      failed: made.errors.length,
      skipped: made.skipped,
      documents: made.documentIds.length,
    });
    if (after.chunksDone >= after.chunksTotal)
      await finishSession(
        s,
        deps.clock,
        job.tenantId,
        job.sessionId,
        after.counts.customersFailed > 0 ? 'completed_with_errors' : 'completed',
      );
    killPoint('session.chunk.written');
  });
}

/** A chunk that failed every attempt: its customers are recorded as failed so the session can end. */
export async function giveUpSessionChunk(deps: Deps, job: ChunkJob): Promise<void> {
  await deps.uow.run(async (s) => {
    const customerIds = await s.generationSessions.claimChunk(job.tenantId, job.sessionId, job.chunk);
    if (!customerIds) return;
    await s.generationSessions.addErrors(
      job.tenantId,
      job.sessionId,
      customerIds.map((customerId) => ({
        customerId,
        code: 'GENERATION_FAILED',
        message: 'the chunk of customers this one belongs to failed every attempt; start the session again',
        details: { chunk: job.chunk },
      })),
    );
    const after = await s.generationSessions.finishChunk(job.tenantId, job.sessionId, job.chunk, {
      done: 0,
      failed: customerIds.length,
      skipped: 0,
      documents: 0,
    });
    if (after.chunksDone >= after.chunksTotal)
      await finishSession(s, deps.clock, job.tenantId, job.sessionId, 'completed_with_errors');
  });
}
