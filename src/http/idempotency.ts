import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../app/deps.ts';
import { AppError } from '../app/errors.ts';
import { storable } from '../app/storable.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

const hashRequest = (request: FastifyRequest) =>
  createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');

/**
 * `Idempotency-Key` on a POST: the first request claims the key; a repeat with the same body gets
 * the stored response (no second effect); a repeat with another body is refused with 422; a repeat
 * while the first is still running gets 409. Server errors release the key so the client can retry.
 */
export function registerIdempotency(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('idempotencyKey', null);
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || !request.ctx) return;
    if (key.length === 0 || key.length > 255)
      throw new AppError('validation', 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1–255 characters');
    const tenantId = request.ctx.tenantId;
    const hash = hashRequest(request);
    const previous = await deps.uow.run((s) => s.idempotency.claim(tenantId, key, hash));
    if (!previous) {
      request.idempotencyKey = key;
      return;
    }
    if (previous.requestHash !== hash) {
      throw new AppError('rule', 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request');
    }
    if (previous.statusCode === null) {
      throw new AppError(
        'conflict',
        'IDEMPOTENCY_IN_PROGRESS',
        'A request with this Idempotency-Key is still being processed',
      );
    }
    reply.header('idempotent-replayed', 'true');
    const isProblem = previous.statusCode >= 400;
    return reply
      .status(previous.statusCode)
      .type(isProblem ? 'application/problem+json' : 'application/json')
      .send(previous.response);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (!key || !request.ctx) return payload;
    const tenantId = request.ctx.tenantId;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await deps.uow.run((s) => s.idempotency.release(tenantId, key));
      return payload;
    }
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
    try {
      // The answer may echo bad input (a NUL in a rejected row); its stored copy must still fit.
      await deps.uow.run((s) => s.idempotency.complete(tenantId, key, reply.statusCode, storable(body)));
    } catch (error) {
      // The client still gets its answer; the key is freed so that a retry runs again.
      request.log.error({ err: error }, 'could not record the idempotent response');
      await deps.uow.run((s) => s.idempotency.release(tenantId, key));
    }
    return payload;
  });
}
