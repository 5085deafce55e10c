import type { Role } from '../context.ts';

export type UserKind = 'staff' | 'customer';
export type UserStatus = 'invited' | 'active' | 'disabled';

/** A person who signs in: staff carry a role, customer users a customer. Never carries the hash. */
export interface User {
  id: string;
  tenantId: string;
  kind: UserKind;
  customerId: string | null;
  email: string;
  name: string;
  role: Role | null;
  status: UserStatus;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UserCredentials {
  user: User;
  passwordHash: string | null;
  failedSignIns: number;
}

export interface UserSessionRecord {
  id: string;
  userId: string;
  tenantId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export type TokenPurpose = 'invitation' | 'password_reset';

export interface UserTokenRecord {
  userId: string;
  tenantId: string;
  purpose: TokenPurpose;
  expiresAt: string;
  usedAt: string | null;
}

export interface UsersRepo {
  insertUser(user: Omit<User, 'createdAt' | 'updatedAt' | 'lockedUntil' | 'lastSignInAt'>): Promise<User>;
  getUser(tenantId: string, id: string): Promise<User | null>;
  listUsers(tenantId: string, filter: { customerId?: string }): Promise<User[]>;
  updateUser(
    tenantId: string,
    id: string,
    patch: Partial<Pick<User, 'name' | 'role' | 'status'>> & { passwordHash?: string },
  ): Promise<User | null>;
  /** Any tenant: the sign-in form names a user by email only. Locks the row until commit. */
  credentialsByEmail(email: string): Promise<UserCredentials | null>;
  recordSignIn(id: string, outcome: { failedSignIns: number; lockedUntil: string | null; at?: string }): Promise<void>;
  emailTaken(email: string): Promise<boolean>;
  insertSession(tokenHash: string, session: UserSessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<{ session: UserSessionRecord; user: User } | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(userId: string): Promise<number>;
  insertToken(tokenHash: string, token: UserTokenRecord): Promise<void>;
  /** The token, locked until commit so that two uses at once cannot both succeed. */
  lockToken(tokenHash: string): Promise<UserTokenRecord | null>;
  markTokenUsed(tokenHash: string, at: string): Promise<void>;
  /** Earlier unused tokens of this purpose stop working when a new one is handed out. */
  expireTokens(userId: string, purpose: TokenPurpose, at: string): Promise<void>;
}
