import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import type { GenerationSessionRecord, SessionError, SessionFilter } from '../ports/generation-sessions.ts';
import { notFound } from '../errors.ts';

export interface SessionOut {
  id: string;
  documentType: GenerationSessionRecord['documentType'];
  status: GenerationSessionRecord['status'];
  periodStart: string;
  periodEnd: string;
  parameters: GenerationSessionRecord['scope'] & { documentType: string; periodStart: string; periodEnd: string };
  counts: GenerationSessionRecord['counts'];
  startedBy: GenerationSessionRecord['startedBy'];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface SessionDetailOut extends SessionOut {
  errors: SessionError[];
  documentIds: string[];
}

export function presentSession(r: GenerationSessionRecord): SessionOut {
  return {
    id: r.id,
    documentType: r.documentType,
    status: r.status,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    parameters: { documentType: r.documentType, periodStart: r.periodStart, periodEnd: r.periodEnd, ...r.scope },
    counts: r.counts,
    startedBy: r.startedBy,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

/** A session as polled: status, counters, per-customer errors and the documents it made. */
export function getGenerationSession(deps: Deps, ctx: CallContext, id: string): Promise<SessionDetailOut> {
  return deps.uow.run(async (s) => {
    const session = await s.generationSessions.get(ctx.tenantId, id);
    if (!session) throw notFound('Generation session', id);
    return {
      ...presentSession(session),
      errors: await s.generationSessions.errors(ctx.tenantId, id),
      documentIds: await s.generationSessions.documentIds(ctx.tenantId, id),
    };
  });
}

/** Session history, newest first. */
export function listGenerationSessions(
  deps: Deps,
  ctx: CallContext,
  filter: SessionFilter,
  page: PageRequest,
): Promise<Page<SessionOut>> {
  return deps.uow.run(async (s) => {
    const found = await s.generationSessions.list(ctx.tenantId, filter, page);
    return { data: found.data.map(presentSession), next: found.next };
  });
}
