import { Temporal } from 'temporal-polyfill';
import type { Deps } from '../deps.ts';
import type { Session } from '../ports/session.ts';
import type { TokenPurpose, User } from '../ports/users.ts';
import { refused } from '../errors.ts';
import { hashSecret, newSecret } from './secrets.ts';

/** How long a link stays good: an invitation a week, a password reset an hour. */
const validity: Record<TokenPurpose, Temporal.DurationLike> = {
  invitation: { hours: 7 * 24 },
  password_reset: { hours: 1 },
};
const page: Record<TokenPurpose, string> = { invitation: 'accept-invitation', password_reset: 'reset-password' };

export interface AccountLink {
  token: string;
  /** Where the web app takes it: the admin app for staff, the portal for customer users. */
  path: string;
  expiresAt: string;
  /** Whether it was also emailed (only once the tenant can send email). */
  emailed: boolean;
}

/** Hands out a new one-use link (earlier unused ones of the same purpose stop working) and emails it. */
export async function issueLink(session: Session, deps: Deps, user: User, purpose: TokenPurpose) {
  const now = deps.clock.now();
  const secret = newSecret();
  const expiresAt = now.add(validity[purpose]).toString();
  await session.users.expireTokens(user.id, purpose, now.toString());
  await session.users.insertToken(secret.hash, {
    userId: user.id,
    tenantId: user.tenantId,
    purpose,
    expiresAt,
    usedAt: null,
  });
  const app = user.kind === 'customer' ? '/portal' : '/';
  const path = `${app}#/${page[purpose]}?token=${secret.token}`;
  return { token: secret.token, path, expiresAt };
}

export async function mailLink(deps: Deps, user: User, purpose: TokenPurpose, link: Omit<AccountLink, 'emailed'>) {
  if (!deps.accountMail) return false;
  return deps.accountMail.send({
    tenantId: user.tenantId,
    to: user.email,
    name: user.name,
    kind: purpose,
    path: link.path,
    expiresAt: link.expiresAt,
  });
}

/** Spends a link: unknown, expired, already used or other-purpose links are refused alike (422). */
export async function spendLink(session: Session, deps: Deps, token: string, purpose: TokenPurpose) {
  const hash = hashSecret(token);
  const found = await session.users.lockToken(hash);
  const now = deps.clock.now();
  if (
    !found ||
    found.purpose !== purpose ||
    found.usedAt ||
    Temporal.Instant.compare(Temporal.Instant.from(found.expiresAt), now) <= 0
  )
    throw refused('LINK_INVALID', 'This link is unknown, expired or already used; ask for a new one');
  await session.users.markTokenUsed(hash, now.toString());
  const user = await session.users.getUser(found.tenantId, found.userId);
  if (!user || user.status === 'disabled')
    throw refused('LINK_INVALID', 'This link is unknown, expired or already used; ask for a new one');
  return user;
}
