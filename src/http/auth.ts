import type { FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../app/errors.ts';
import type { CallContext, Role } from '../app/context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: CallContext | null;
  }
  interface FastifyContextConfig {
    /** The least role a route needs; routes without it are public (health, docs). */
    role?: Role;
    /** Response fields that must not be stored for idempotent replays (secrets shown once). */
    secretFields?: string[];
    /** The use case checks each row itself (batch ingestion keeps good rows and rejects bad ones). */
    rowsCheckedByUseCase?: boolean;
  }
}

const rank: Record<Role, number> = { viewer: 1, accountant: 2, admin: 3 };

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

export function requireRole(ctx: CallContext, needed: Role) {
  if (rank[ctx.role] < rank[needed]) {
    throw forbidden('FORBIDDEN', `This action needs the ${needed} role; the API key has ${ctx.role}`);
  }
}

/** The caller of an authenticated route; the auth hook has run, so it is always there. */
export function callerOf(request: FastifyRequest): CallContext {
  if (!request.ctx) throw unauthorized('UNAUTHORIZED', 'Authentication is required');
  return request.ctx;
}
