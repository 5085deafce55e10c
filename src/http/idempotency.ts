import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../app/deps.ts';
import type { HeldTransaction } from '../app/ports/session.ts';
import type { StoredResponse } from '../app/ports/idempotency.ts';
import { conflict, refused, unreadable } from '../app/errors.ts';
import { killPoint } from '../app/reliability/kill-points.ts';
import { storable } from '../app/storable.ts';

interface KeyedRequest {
  key: string;
  hash: string;
  held: HeldTransaction;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: KeyedRequest | null;
  }
}

const hashRequest = (request: FastifyRequest) =>
  createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');

const inProgress = () =>
  conflict('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed');

/**
 * Opens the request's transaction and takes its key. Returns the stored answer to replay, or
 * null when this request is to run (its key held until the transaction ends).
 */
async function takeKey(tenantId: string, key: string, hash: string, held: HeldTransaction) {
  return held.run(async (s): Promise<StoredResponse | null> => {
    if (!(await s.idempotency.lock(tenantId, key))) throw inProgress();
    const previous = await s.idempotency.find(tenantId, key);
    if (previous?.statusCode === null) {
      // An unanswered claim by an older version: its owner is gone (we hold the key), so run again.
      await s.idempotency.release(tenantId, key);
      return null;
    }
    if (previous && previous.requestHash !== hash)
      throw refused('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request');
    return previous;
  });
}

function replay(reply: FastifyReply, previous: StoredResponse) {
  const status = previous.statusCode ?? 200;
  reply.header('idempotent-replayed', 'true');
  return reply
    .status(status)
    .type(status >= 400 ? 'application/problem+json' : 'application/json')
    .send(previous.response);
}

/**
 * `Idempotency-Key` on a POST. The whole request runs in one transaction that first takes the key
 * (a lock the database frees if the process dies) and finally stores the answer, so the effect
 * and its answer commit together: a retry after a crash replays what committed, or runs afresh
 * when nothing did. A repeat with the same body replays; with another body it is refused (422);
 * while the first is still running on a live server it gets 409. Server errors store nothing.
 */
export function registerIdempotency(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', (request, reply, done) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || !request.ctx) return done();
    if (key.length === 0 || key.length > 255)
      return done(unreadable('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1–255 characters'));
    const tenantId = request.ctx.tenantId;
    const hash = hashRequest(request);
    const start = async () => {
      const held = await deps.uow.hold();
      try {
        return { held, previous: await takeKey(tenantId, key, hash, held) };
      } catch (error) {
        await held.rollback();
        throw error;
      }
    };
    start().then(async ({ held, previous }) => {
      if (previous) {
        await held.rollback();
        return replay(reply, previous);
      }
      request.idempotency = { key, hash, held };
      // The handler runs inside `enter`, so its use cases join the request's transaction.
      held.enter(() => done());
    }, done);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const keyed = request.idempotency;
    if (!keyed || keyed.held.finished || !request.ctx) return payload;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await keyed.held.rollback();
      return payload;
    }
    // The answer may echo bad input (a NUL in a rejected row); its stored copy must still fit.
    const body = storable(storedBody(request, payload));
    try {
      await keyed.held.run((s) =>
        s.idempotency.record(request.ctx!.tenantId, keyed.key, keyed.hash, reply.statusCode, body),
      );
    } catch (error) {
      // An answer the database cannot keep (jsonb refuses a NUL echoed from the input): a refusal
      // changed nothing, so it is sent unrecorded and a retry is refused again; a success is
      // rolled back whole rather than committed without its answer.
      if (reply.statusCode < 400) {
        await keyed.held.rollback();
        throw error;
      }
      request.log.warn({ err: error }, 'the answer to a keyed request could not be recorded');
    }
    killPoint('http.keyed.before-commit');
    await keyed.held.commit();
    killPoint('http.keyed.after-commit');
    return payload;
  });
  // A request that ends without a response (an aborted connection) must not keep its transaction.
  app.addHook('onResponse', async (request) => {
    if (request.idempotency && !request.idempotency.held.finished) await request.idempotency.held.rollback();
  });
}

function storedBody(request: FastifyRequest, payload: string): unknown {
  let body: unknown = null;
  try {
    body = payload ? JSON.parse(payload) : null;
  } catch {
    body = payload;
  }
  // A secret shown once (a new API key) is never kept: a replay answers without it.
  for (const field of request.routeOptions.config?.secretFields ?? []) {
    if (body && typeof body === 'object') delete (body as Record<string, unknown>)[field];
  }
  return body;
}
