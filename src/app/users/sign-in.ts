import { Temporal } from 'temporal-polyfill';
import type { Deps } from '../deps.ts';
import { tooMany, unauthorized } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { contextOf, openSession, type OpenedSession } from './user-sessions.ts';
import { spendPasswordTime, verifyPassword } from './password.ts';
import { normalizeEmail } from './secrets.ts';

/** Failed sign-ins in a row that lock an account, and for how long. */
export const LOCKOUT_AFTER = 5;
export const LOCKOUT_MINUTES = 15;

const invalidCredentials = () => unauthorized('INVALID_CREDENTIALS', 'The email or the password is wrong');
const locked = (seconds: number) =>
  tooMany('SIGN_IN_LOCKED', 'Too many failed sign-ins for this account; try again later', seconds);

type Outcome = { ok: OpenedSession } | { refused: 'credentials' } | { refused: 'locked'; seconds: number };

/**
 * Signs a user in with email and password. Every refusal says the same thing whether the email is
 * unknown, the user disabled or the password wrong; an account that fails LOCKOUT_AFTER times in a
 * row is locked for LOCKOUT_MINUTES (429), even for the right password. The user row is locked
 * while the password is checked, so parallel guesses are counted one by one.
 */
export async function signIn(deps: Deps, input: { email: string; password: string }): Promise<OpenedSession> {
  const now = deps.clock.now();
  const outcome = await deps.uow.run(async (session): Promise<Outcome> => {
    const found = await session.users.credentialsByEmail(normalizeEmail(input.email));
    if (!found || !found.passwordHash || found.user.status !== 'active') {
      await spendPasswordTime(input.password);
      return { refused: 'credentials' };
    }
    const { user } = found;
    if (user.lockedUntil && Temporal.Instant.compare(Temporal.Instant.from(user.lockedUntil), now) > 0) {
      const seconds = Math.ceil(Temporal.Instant.from(user.lockedUntil).since(now).total('seconds'));
      return { refused: 'locked', seconds };
    }
    if (!(await verifyPassword(input.password, found.passwordHash))) {
      const failed = found.failedSignIns + 1;
      const lock = failed >= LOCKOUT_AFTER;
      await session.users.recordSignIn(user.id, {
        failedSignIns: lock ? 0 : failed,
        lockedUntil: lock ? now.add({ minutes: LOCKOUT_MINUTES }).toString() : null,
      });
      if (lock)
        await recordChange(session, contextOf(user), deps.clock, {
          objectType: 'user',
          objectId: user.id,
          action: 'locked',
          after: { failedSignIns: failed, minutes: LOCKOUT_MINUTES },
        });
      return lock ? { refused: 'locked', seconds: LOCKOUT_MINUTES * 60 } : { refused: 'credentials' };
    }
    await session.users.recordSignIn(user.id, { failedSignIns: 0, lockedUntil: null, at: now.toString() });
    const opened = await openSession(session, deps, { ...user, lastSignInAt: now.toString(), lockedUntil: null });
    await recordChange(session, contextOf(user), deps.clock, {
      objectType: 'user',
      objectId: user.id,
      action: 'signed_in',
    });
    return { ok: opened };
  });
  if ('ok' in outcome) return outcome.ok;
  if (outcome.refused === 'locked') throw locked(outcome.seconds);
  throw invalidCredentials();
}
