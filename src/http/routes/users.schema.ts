import { z } from 'zod';
import { id, idParams, Instant, listOf } from '../schemas/common.ts';
import { idempotencyHeaders, json, noContent, problems } from '../schemas/responses.ts';

const tags = ['users'];
const RoleSchema = z.enum(['admin', 'accountant', 'viewer']);
const email = z.email().max(254);
const name = z.string().trim().min(1).max(200);
/** Long enough to resist guessing at scrypt's cost; no composition rules (NIST SP 800-63B). */
export const password = z.string().min(10).max(200);

export const User = z
  .object({
    id: z.string(),
    kind: z.enum(['staff', 'customer']),
    customerId: z.string().nullable().meta({ description: 'The customer a portal user belongs to' }),
    email: z.string(),
    name: z.string(),
    role: RoleSchema.nullable().meta({ description: 'Staff only: the same roles as API keys' }),
    status: z.enum(['invited', 'active', 'disabled']),
    lockedUntil: Instant.nullable().meta({ description: 'Set after too many failed sign-ins' }),
    lastSignInAt: Instant.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({
    id: 'User',
    description: 'A person who signs in: staff of the operator, or a customer user of the portal',
    examples: [
      {
        id: 'usr_0mx30fdvp000daa5f9f28bfc',
        kind: 'staff',
        customerId: null,
        email: 'ana@costa-telecom.example',
        name: 'Ana García',
        role: 'accountant',
        status: 'active',
        lockedUntil: null,
        lastSignInAt: '2026-11-30T08:32:23.553Z',
        createdAt: '2026-11-30T08:32:23.553Z',
        updatedAt: '2026-11-30T08:32:23.553Z',
      },
    ],
  });

export const AccountLink = z
  .object({
    token: z.string().meta({ description: 'One use; shown only in this answer' }),
    path: z.string().meta({ description: 'Where the web app takes the token, e.g. /#/accept-invitation?token=…' }),
    expiresAt: Instant,
    emailed: z.boolean().meta({ description: 'Whether it was also emailed (once the tenant can send email)' }),
  })
  .meta({ id: 'AccountLink', description: 'An invitation or password reset link' });

const Invited = z
  .object({ user: User, invitation: AccountLink })
  .meta({ id: 'UserInvitation', description: 'The invited user and the link to pass on' });

export const listUsersSchema = {
  operationId: 'listUsers',
  summary: 'List users (staff and customer users)',
  tags,
  querystring: z.object({ customerId: id.optional() }).strict(),
  response: { 200: json(listOf(User, 'UserList'), 'The users'), ...problems() },
};
export const getUserSchema = {
  operationId: 'getUser',
  summary: 'Get a user',
  tags,
  params: idParams,
  response: { 200: json(User, 'The user'), ...problems(404) },
};
export const inviteStaffSchema = {
  operationId: 'inviteStaffUser',
  summary: 'Invite a staff user',
  description: 'The user chooses a password by opening the invitation link (valid 7 days).',
  tags,
  headers: idempotencyHeaders,
  body: z.object({ email, name, role: RoleSchema }).strict(),
  response: { 201: json(Invited, 'The invitation'), ...problems(409) },
};
export const inviteCustomerUserSchema = {
  operationId: 'inviteCustomerUser',
  summary: 'Invite a customer user to the portal',
  description: 'The user sees only this customer’s issued documents.',
  tags,
  headers: idempotencyHeaders,
  params: idParams,
  body: z.object({ email, name }).strict(),
  response: { 201: json(Invited, 'The invitation'), ...problems(409, 422) },
};
export const updateUserSchema = {
  operationId: 'updateUser',
  summary: 'Change a user’s name, role or status',
  description: 'Disabling a user or changing its role ends its sessions.',
  tags,
  params: idParams,
  body: z
    .object({ name: name.optional(), role: RoleSchema.optional(), status: z.enum(['active', 'disabled']).optional() })
    .strict(),
  response: { 200: json(User, 'The user as changed'), ...problems(404, 422) },
};
export const createResetLinkSchema = {
  operationId: 'createPasswordResetLink',
  summary: 'Hand a user a password reset link',
  description: 'Valid one hour; earlier reset links of the user stop working.',
  tags,
  params: idParams,
  response: { 200: json(AccountLink, 'The link'), ...problems(404) },
};
export const endUserSessionsSchema = {
  operationId: 'endUserSessions',
  summary: 'Sign a user out everywhere',
  tags,
  params: idParams,
  response: { 204: noContent('Every session ended'), ...problems(404) },
};

export const SignedIn = z
  .object({
    user: User,
    csrfToken: z.string().meta({ description: 'Send as X-CSRF-Token on every unsafe request of this session' }),
    expiresAt: Instant,
  })
  .meta({ id: 'SignedIn', description: 'The session of a signed-in user (the cookie itself is HttpOnly)' });

const authTags = ['sign-in'];
export const signInSchema = {
  operationId: 'signIn',
  summary: 'Sign in with email and password',
  description:
    'Sets the HttpOnly session cookie. Wrong emails and passwords get the same 401; five failures in a row lock the account for 15 minutes (429), and each address is limited to 10 attempts a minute.',
  tags: authTags,
  body: z.object({ email: z.string().max(254), password: z.string().max(200) }).strict(),
  response: { 200: json(SignedIn, 'Signed in'), ...problems(429) },
};
export const acceptInvitationSchema = {
  operationId: 'acceptInvitation',
  summary: 'Choose a password from an invitation link, and sign in',
  tags: authTags,
  body: z.object({ token: z.string().max(200), password, name: name.optional() }).strict(),
  response: { 200: json(SignedIn, 'Signed in'), ...problems(422, 429) },
};
export const requestResetSchema = {
  operationId: 'requestPasswordReset',
  summary: 'Email a password reset link',
  description: 'Answers 204 whether or not the email has an account.',
  tags: authTags,
  body: z.object({ email: z.string().max(254) }).strict(),
  response: { 204: noContent('Sent if the account exists'), ...problems(429) },
};
export const resetPasswordSchema = {
  operationId: 'resetPassword',
  summary: 'Set a new password from a reset link',
  description: 'Ends every session of the user; expired and used links are refused (422 LINK_INVALID).',
  tags: authTags,
  body: z.object({ token: z.string().max(200), password }).strict(),
  response: { 204: noContent('Password set'), ...problems(422, 429) },
};
export const getSessionSchema = {
  operationId: 'getSession',
  summary: 'The signed-in user and the session’s CSRF token',
  tags: authTags,
  response: { 200: json(SignedIn, 'The session'), ...problems() },
};
export const signOutSchema = {
  operationId: 'signOut',
  summary: 'Sign out of this browser',
  tags: authTags,
  response: { 204: noContent('Signed out'), ...problems() },
};
export const signOutEverywhereSchema = {
  operationId: 'signOutEverywhere',
  summary: 'Sign out of every browser',
  tags: authTags,
  response: { 204: noContent('Every session ended'), ...problems() },
};
