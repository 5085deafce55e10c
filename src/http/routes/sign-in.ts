import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf, clearSessionCookie, setSessionCookie } from '../auth.ts';
import { signIn } from '../../app/users/sign-in.ts';
import { acceptInvitation } from '../../app/users/invite-user.ts';
import { requestPasswordReset, resetPassword } from '../../app/users/password-reset.ts';
import { signOut, signOutEverywhere, type OpenedSession } from '../../app/users/user-sessions.ts';
import { unauthorized } from '../../app/errors.ts';
import {
  acceptInvitationSchema,
  getSessionSchema,
  requestResetSchema,
  resetPasswordSchema,
  signInSchema,
  signOutEverywhereSchema,
  signOutSchema,
} from './users.schema.ts';

/** Per client address, on top of the per-account lockout: guessing across many accounts is slowed too. */
const attempts = { rateLimit: { max: 10, timeWindow: 60_000 } };

export function signInRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const answer = (opened: OpenedSession) => ({
    user: opened.user,
    csrfToken: opened.csrfToken,
    expiresAt: opened.expiresAt,
  });
  api.post('/auth/sign-in', { config: attempts, schema: signInSchema }, async (req, reply) => {
    const opened = await signIn(deps, req.body);
    setSessionCookie(req, reply, opened.token);
    return answer(opened);
  });
  api.post('/auth/accept-invitation', { config: attempts, schema: acceptInvitationSchema }, async (req, reply) => {
    const opened = await acceptInvitation(deps, req.body);
    setSessionCookie(req, reply, opened.token);
    return answer(opened);
  });
  api.post('/auth/password-reset', { config: attempts, schema: requestResetSchema }, async (req, reply) => {
    await requestPasswordReset(deps, req.body.email);
    return reply.status(204).send();
  });
  api.post('/auth/password-reset/confirm', { config: attempts, schema: resetPasswordSchema }, async (req, reply) => {
    await resetPassword(deps, req.body);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });
  const session = { role: 'viewer', audience: 'any' } as const;
  api.get('/auth/session', { config: session, schema: getSessionSchema }, async (req) => {
    const current = req.userSession;
    if (!current) throw unauthorized('NO_SESSION', 'An API key has no session; sign in with a password');
    return { user: current.user, csrfToken: current.csrfToken, expiresAt: current.expiresAt };
  });
  api.post('/auth/sign-out', { config: session, schema: signOutSchema }, async (req, reply) => {
    if (req.userSession) await signOut(deps, req.userSession.token);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });
  api.post('/auth/sign-out-everywhere', { config: session, schema: signOutEverywhereSchema }, async (req, reply) => {
    if (!req.userSession) throw unauthorized('NO_SESSION', 'An API key has no session; sign in with a password');
    await signOutEverywhere(deps, callerOf(req));
    clearSessionCookie(reply);
    return reply.status(204).send();
  });
}
