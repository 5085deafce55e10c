import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../app/errors.ts';
import type { CallContext, Role } from '../app/context.ts';
import type { Deps } from '../app/deps.ts';
import type { User } from '../app/ports/users.ts';
import { authenticateApiKey } from '../app/tenancy/api-keys.ts';
import { authenticateCustomerToken, isCustomerToken } from '../app/portal/customer-tokens.ts';
import { authenticateSession, SESSION_HOURS } from '../app/users/user-sessions.ts';

/** Who a route is for: staff (API keys and staff users), customer users (the portal) or both. */
export type Audience = 'staff' | 'customer' | 'any';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: CallContext | null;
    /** Set when the caller came with a session cookie rather than an API key. */
    userSession: { token: string; csrfToken: string; expiresAt: string; user: User } | null;
  }
  interface FastifyContextConfig {
    /** The least role a route needs; routes without it are public (health, docs, sign-in). */
    role?: Role;
    /** Staff routes by default; portal routes say `customer`, the session's own routes `any`. */
    audience?: Audience;
    /** Response fields that must not be stored for idempotent replays (secrets shown once). */
    secretFields?: string[];
    /** The use case checks each row itself (batch ingestion keeps good rows and rejects bad ones). */
    rowsCheckedByUseCase?: boolean;
  }
}

export const SESSION_COOKIE = 'tollbook_session';
export const CSRF_HEADER = 'x-csrf-token';

const rank: Record<Role, number> = { viewer: 1, accountant: 2, admin: 3 };
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

/** The one role check, the same for API keys and signed-in users. */
export function requireRole(ctx: CallContext, needed: Role) {
  if (rank[ctx.role] < rank[needed]) {
    throw forbidden('FORBIDDEN', `This action needs the ${needed} role; the caller has ${ctx.role}`);
  }
}

function requireAudience(ctx: CallContext, audience: Audience) {
  if (audience === 'customer' && !ctx.customerId)
    throw forbidden('PORTAL_ONLY', 'This route is for customer users of the portal');
  if (audience === 'staff' && ctx.customerId)
    throw forbidden('STAFF_ONLY', 'Customer users reach only the portal routes');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Authenticates a request to a route that needs a role: an API key (Authorization: Bearer) or a
 * session cookie. A cookie rides along with any request the browser makes, so an unsafe request
 * authenticated by cookie must also carry the session's CSRF token in a header that another site's
 * page cannot set.
 */
export async function authenticate(request: FastifyRequest, deps: Deps) {
  const config = request.routeOptions.config;
  const needed = config?.role;
  if (!needed) return;
  const token = bearerToken(request);
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (token)
    request.ctx = isCustomerToken(token)
      ? await authenticateCustomerToken(deps, token)
      : await authenticateApiKey(deps, token);
  else if (cookie) {
    const found = await authenticateSession(deps, cookie);
    if (!safeMethods.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, found.csrfToken))
        throw forbidden('CSRF_TOKEN_INVALID', `Send this session's CSRF token in the ${CSRF_HEADER} header`);
    }
    request.ctx = found.ctx;
    request.userSession = { token: cookie, csrfToken: found.csrfToken, expiresAt: found.expiresAt, user: found.user };
  } else throw unauthorized('UNAUTHORIZED', 'Sign in, or send an API key as Authorization: Bearer <key>');
  requireAudience(request.ctx, config?.audience ?? 'staff');
  requireRole(request.ctx, needed);
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** HttpOnly, SameSite=Lax, and Secure everywhere but loopback (where plain HTTP is the norm). */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: !loopbackHosts.has(request.hostname.replace(/:\d+$/, '')),
    maxAge: SESSION_HOURS * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The caller of an authenticated route; the auth hook has run, so it is always there. */
export function callerOf(request: FastifyRequest): CallContext {
  if (!request.ctx) throw unauthorized('UNAUTHORIZED', 'Authentication is required');
  return request.ctx;
}
