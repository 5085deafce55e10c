import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentType } from '../ports/documents.ts';
import type { GenerationSessionRecord, SessionScope, StartedBy } from '../ports/generation-sessions.ts';
import { conflict, invalid, refused, unknownReference, type FieldError } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { finishSession } from './finish-session.ts';
import { checkDocumentRules } from '../../core/invoice/rules.ts';
import { DOCUMENT_TYPES, policyFor } from '../../core/documents/policy.ts';
import { todayInZone } from '../../core/time/zones.ts';
import { isValidDate } from '../../core/time/dates.ts';

export const SESSION_CHUNK_QUEUE = 'generation-session.chunk';
/** Customers per chunk: one aggregate, one claim and one multi-row write each. */
export const SESSION_CHUNK_SIZE = Number(process.env.TOLLBOOK_SESSION_CHUNK_SIZE) || 500;

export interface StartSessionRequest {
  documentType: DocumentType;
  periodStart: string;
  periodEnd: string;
  scope: SessionScope;
  startedBy: StartedBy;
}

/** The types a session makes on its own: those billing a period from usage and charges. */
const SESSION_TYPES: readonly DocumentType[] = ['invoice', 'proforma'];

/** The scope in one canonical text: the same customers asked in another order are the same scope. */
export function scopeKey(scope: SessionScope): string {
  return JSON.stringify({
    customerIds: scope.customerIds ? [...new Set(scope.customerIds)].sort() : null,
    schemeId: scope.schemeId ?? null,
    billingPeriod: scope.billingPeriod ?? null,
  });
}

function validate(req: StartSessionRequest): void {
  const errors: FieldError[] = [];
  if (!DOCUMENT_TYPES.includes(req.documentType) || !SESSION_TYPES.includes(req.documentType))
    errors.push({
      field: 'documentType',
      code: 'UNSUPPORTED_DOCUMENT_TYPE',
      message: `a session makes ${SESSION_TYPES.join(' or ')} documents`,
    });
  if (!isValidDate(req.periodStart)) errors.push({ field: 'periodStart', code: 'INVALID_DATE', message: 'YYYY-MM-DD' });
  if (!isValidDate(req.periodEnd)) errors.push({ field: 'periodEnd', code: 'INVALID_DATE', message: 'YYYY-MM-DD' });
  if (errors.length) throw invalid(errors);
}

/**
 * Opens a generation session: checks the period and the scope, resolves the customers in scope,
 * splits them into chunks and queues one job per chunk (workers share them), all in one
 * transaction. Returns the session `in_progress`, or already `completed` when nobody is in scope.
 * Refused with 409 SESSION_RUNNING (and the running session's id) while a session of the same
 * type, scope and period runs. Used by the API, the scheduler and bulk actions alike.
 */
export async function startGenerationSession(
  deps: Deps,
  ctx: CallContext,
  req: StartSessionRequest,
): Promise<GenerationSessionRecord> {
  validate(req);
  const policy = policyFor(req.documentType);
  return deps.uow.run(async (s) => {
    const tenant = (await s.tenancy.getTenant(ctx.tenantId))!;
    // The period rules that do not depend on a customer refuse the whole session.
    const periodRule = checkDocumentRules(
      policy.rules.filter((r) => r === 'FUTURE_PERIOD' || r === 'PAST_PERIOD' || r === 'INVALID_PERIOD'),
      {
        today: todayInZone(deps.clock.now(), tenant.timezone),
        periodStart: req.periodStart,
        periodEnd: req.periodEnd,
        unratedCount: 0,
        overlappingDocumentIds: [],
        lateSources: [],
      },
    );
    if (periodRule) throw refused(periodRule.code, periodRule.detail, { field: 'periodEnd' });
    const scope = req.scope;
    if (scope.schemeId && !(await s.schemes.get(ctx.tenantId, scope.schemeId)))
      throw unknownReference('UNKNOWN_SCHEME', 'schemeId', 'invoicing scheme', scope.schemeId, 'NOT_FOUND');
    if (scope.customerIds?.length) {
      const found = await s.customers.getMany(ctx.tenantId, scope.customerIds);
      const unknown = scope.customerIds.findIndex((id) => !found.has(id));
      if (unknown >= 0)
        throw unknownReference(
          'UNKNOWN_CUSTOMER',
          `customerIds[${unknown}]`,
          'customer',
          scope.customerIds[unknown]!,
          'NOT_FOUND',
        );
    }
    const key = scopeKey(scope);
    const session = await s.generationSessions.insert({
      id: newId('gs'),
      tenantId: ctx.tenantId,
      documentType: req.documentType,
      periodStart: req.periodStart,
      periodEnd: req.periodEnd,
      scope,
      scopeKey: key,
      status: 'in_progress',
      startedBy: req.startedBy,
      startedAt: deps.clock.now().toString(),
    });
    if (!session) {
      const running = await s.generationSessions.runningId(
        ctx.tenantId,
        req.documentType,
        key,
        req.periodStart,
        req.periodEnd,
      );
      throw conflict(
        'SESSION_RUNNING',
        `a ${req.documentType} session for this scope and period is running (${running})`,
        { sessionId: running },
      );
    }
    const customers = await s.generationSessions.customersInScope(ctx.tenantId, scope, req.periodEnd);
    const chunks: string[][] = [];
    for (let i = 0; i < customers.length; i += SESSION_CHUNK_SIZE)
      chunks.push(customers.slice(i, i + SESSION_CHUNK_SIZE));
    await s.generationSessions.addChunks(ctx.tenantId, session.id, chunks);
    for (const [chunk] of chunks.entries())
      await s.jobs.enqueue(
        SESSION_CHUNK_QUEUE,
        { tenantId: ctx.tenantId, sessionId: session.id, chunk },
        { singletonKey: `${session.id}:${chunk}` },
      );
    await recordChange(s, ctx, deps.clock, {
      objectType: 'generation_session',
      objectId: session.id,
      action: 'started',
      after: { documentType: req.documentType, periodStart: req.periodStart, periodEnd: req.periodEnd, scope },
    });
    // A scope that matches nobody is a finished session, not an error.
    if (chunks.length === 0) return finishSession(s, deps.clock, ctx.tenantId, session.id, 'completed');
    return (await s.generationSessions.get(ctx.tenantId, session.id))!;
  });
}
