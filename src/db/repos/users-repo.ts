import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Role } from '../../app/context.ts';
import type { User, UserKind, UserStatus, UsersRepo, TokenPurpose } from '../../app/ports/users.ts';
import { users, userSessions, userTokens } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { withIsoTimestamps } from './rows.ts';

type UserRow = typeof users.$inferSelect;

const toUser = ({ passwordHash: _p, failedSignIns: _f, ...row }: UserRow): User =>
  withIsoTimestamps({
    ...row,
    kind: row.kind as UserKind,
    role: row.role as Role | null,
    status: row.status as UserStatus,
  });

export function usersRepo(tx: Db): UsersRepo {
  return {
    async insertUser(user) {
      const [row] = await tx.insert(users).values(user).returning();
      return toUser(row!);
    },
    async getUser(tenantId, id) {
      const [row] = await tx
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
      return row ? toUser(row) : null;
    },
    async listUsers(tenantId, filter) {
      const where = [eq(users.tenantId, tenantId)];
      if (filter.customerId) where.push(eq(users.customerId, filter.customerId));
      const rows = await tx
        .select()
        .from(users)
        .where(and(...where))
        .orderBy(asc(users.id));
      return rows.map(toUser);
    },
    async updateUser(tenantId, id, patch) {
      const [row] = await tx
        .update(users)
        .set({ ...patch, updatedAt: new Date().toISOString() })
        .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
        .returning();
      return row ? toUser(row) : null;
    },
    async credentialsByEmail(email) {
      const [row] = await tx.select().from(users).where(eq(users.email, email)).for('update');
      return row ? { user: toUser(row), passwordHash: row.passwordHash, failedSignIns: row.failedSignIns } : null;
    },
    async recordSignIn(id, outcome) {
      await tx
        .update(users)
        .set({
          failedSignIns: outcome.failedSignIns,
          lockedUntil: outcome.lockedUntil,
          ...(outcome.at ? { lastSignInAt: outcome.at } : {}),
        })
        .where(eq(users.id, id));
    },
    async emailTaken(email) {
      const rows = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      return rows.length > 0;
    },
    async insertSession(tokenHash, session) {
      await tx.insert(userSessions).values({ tokenHash, ...session });
    },
    async findSession(tokenHash) {
      const [row] = await tx
        .select()
        .from(userSessions)
        .innerJoin(users, eq(users.id, userSessions.userId))
        .where(eq(userSessions.tokenHash, tokenHash));
      if (!row) return null;
      const { tokenHash: _t, ...session } = row.user_sessions;
      return { session: withIsoTimestamps(session), user: toUser(row.users) };
    },
    async deleteSession(tokenHash) {
      await tx.delete(userSessions).where(eq(userSessions.tokenHash, tokenHash));
    },
    async deleteSessionsOf(userId) {
      const rows = await tx
        .delete(userSessions)
        .where(eq(userSessions.userId, userId))
        .returning({ id: userSessions.id });
      return rows.length;
    },
    async insertToken(tokenHash, token) {
      await tx.insert(userTokens).values({ tokenHash, ...token });
    },
    async lockToken(tokenHash) {
      const [row] = await tx.select().from(userTokens).where(eq(userTokens.tokenHash, tokenHash)).for('update');
      if (!row) return null;
      const { tokenHash: _t, createdAt: _c, ...token } = withIsoTimestamps(row);
      return { ...token, purpose: token.purpose as TokenPurpose };
    },
    async markTokenUsed(tokenHash, at) {
      await tx.update(userTokens).set({ usedAt: at }).where(eq(userTokens.tokenHash, tokenHash));
    },
    async expireTokens(userId, purpose, at) {
      await tx
        .update(userTokens)
        .set({ usedAt: at })
        .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
    },
  };
}
