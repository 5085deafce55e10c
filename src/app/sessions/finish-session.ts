import type { Clock } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { GenerationSessionRecord, SessionStatus } from '../ports/generation-sessions.ts';
import { recordEvent } from '../webhooks/record-event.ts';
import { presentSession } from './query-sessions.ts';

/**
 * Closes a session and raises `generation_session.completed` in the same transaction, so a
 * receiver hears of every finished session exactly once, with or without customer errors (the
 * status and counters in the payload tell which).
 */
export async function finishSession(
  s: Session,
  clock: Clock,
  tenantId: string,
  sessionId: string,
  status: SessionStatus,
): Promise<GenerationSessionRecord> {
  const done = await s.generationSessions.finish(tenantId, sessionId, status);
  await recordEvent(s, clock, tenantId, 'generation_session.completed', {
    generationSession: presentSession(done),
  });
  return done;
}
