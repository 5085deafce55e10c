import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { ApiKeyRecord, LegalEntity, Tenant, TenancyRepo } from '../../app/ports/tenancy.ts';
import type { Role } from '../../app/context.ts';
import { apiKeys, legalEntities, tenants } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { withIsoTimestamps } from './rows.ts';

type TenantRow = typeof tenants.$inferSelect;
type KeyRow = typeof apiKeys.$inferSelect;
type EntityRow = typeof legalEntities.$inferSelect;

const toTenant = ({ updatedAt: _u, ...row }: TenantRow): Tenant => withIsoTimestamps(row);
const toKey = ({ keyHash: _h, ...row }: KeyRow): ApiKeyRecord => withIsoTimestamps({ ...row, role: row.role as Role });
const toEntity = (row: EntityRow): LegalEntity => withIsoTimestamps(row);

export function tenancyRepo(tx: Db): TenancyRepo {
  const entityWhere = (tenantId: string, id: string) =>
    and(eq(legalEntities.tenantId, tenantId), eq(legalEntities.id, id));
  return {
    async insertTenant(tenant) {
      const [row] = await tx.insert(tenants).values(tenant).returning();
      return toTenant(row!);
    },
    async getTenant(id) {
      const [row] = await tx.select().from(tenants).where(eq(tenants.id, id));
      return row ? toTenant(row) : null;
    },
    async updateTenant(id, patch) {
      const [row] = await tx
        .update(tenants)
        .set({ ...patch, updatedAt: new Date().toISOString() })
        .where(eq(tenants.id, id))
        .returning();
      return toTenant(row!);
    },
    async insertApiKey(key, keyHash) {
      const [row] = await tx
        .insert(apiKeys)
        .values({ ...key, keyHash })
        .returning();
      return toKey(row!);
    },
    async findApiKeyByHash(keyHash) {
      const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash));
      return row ? toKey(row) : null;
    },
    async listApiKeys(tenantId) {
      const rows = await tx.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantId)).orderBy(asc(apiKeys.id));
      return rows.map(toKey);
    },
    async revokeApiKey(tenantId, id, at) {
      const [row] = await tx
        .update(apiKeys)
        .set({ revokedAt: at })
        .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)))
        .returning();
      return row ? toKey(row) : null;
    },
    async lockActiveAdminKeys(tenantId) {
      const rows = await tx
        .select({ id: apiKeys.id })
        .from(apiKeys)
        .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.role, 'admin'), isNull(apiKeys.revokedAt)))
        .orderBy(asc(apiKeys.id))
        .for('update');
      return rows.map((r) => r.id);
    },
    async insertLegalEntity(tenantId, id, input) {
      const [row] = await tx
        .insert(legalEntities)
        .values({ ...input, tenantId, id })
        .returning();
      return toEntity(row!);
    },
    async updateLegalEntity(tenantId, id, patch) {
      const [row] = await tx
        .update(legalEntities)
        .set({ ...patch, updatedAt: new Date().toISOString() })
        .where(entityWhere(tenantId, id))
        .returning();
      return row ? toEntity(row) : null;
    },
    async getLegalEntity(tenantId, id) {
      const [row] = await tx.select().from(legalEntities).where(entityWhere(tenantId, id));
      return row ? toEntity(row) : null;
    },
    async listLegalEntities(tenantId) {
      return (
        await tx.select().from(legalEntities).where(eq(legalEntities.tenantId, tenantId)).orderBy(asc(legalEntities.id))
      ).map(toEntity);
    },
    async clearDefaultLegalEntity(tenantId, exceptId) {
      await tx
        .update(legalEntities)
        .set({ isDefault: false })
        .where(and(eq(legalEntities.tenantId, tenantId), ne(legalEntities.id, exceptId)));
    },
  };
}
