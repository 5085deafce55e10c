import type { Role } from '../context.ts';
import type { Address } from './customers.ts';
import type { BankView } from '../../core/documents/view.ts';

export interface Tenant {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  locale: string;
  settings: TenantSettings;
  createdAt: string;
}

export interface TenantSettings {
  paymentTermsDays?: number;
  roundingMode?: 'half_up' | 'half_even' | 'down' | 'up';
  [key: string]: unknown;
}

export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  name: string;
  role: Role;
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface LegalEntity {
  id: string;
  tenantId: string;
  name: string;
  taxId: string | null;
  kpp: string | null;
  address: Address | null;
  bank: BankView | null;
  email: string | null;
  phone: string | null;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

export type LegalEntityInput = Omit<LegalEntity, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;

export interface TenancyRepo {
  insertTenant(tenant: Omit<Tenant, 'createdAt'>): Promise<Tenant>;
  getTenant(id: string): Promise<Tenant | null>;
  updateTenant(
    id: string,
    patch: Partial<Pick<Tenant, 'name' | 'timezone' | 'currency' | 'locale' | 'settings'>>,
  ): Promise<Tenant>;
  insertApiKey(key: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'>, keyHash: string): Promise<ApiKeyRecord>;
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  listApiKeys(tenantId: string): Promise<ApiKeyRecord[]>;
  revokeApiKey(tenantId: string, id: string, at: string): Promise<ApiKeyRecord | null>;
  /** Ids of the tenant's unrevoked admin keys, locked until commit (FOR UPDATE). */
  lockActiveAdminKeys(tenantId: string): Promise<string[]>;
  insertLegalEntity(tenantId: string, id: string, input: LegalEntityInput): Promise<LegalEntity>;
  updateLegalEntity(tenantId: string, id: string, patch: Partial<LegalEntityInput>): Promise<LegalEntity | null>;
  getLegalEntity(tenantId: string, id: string): Promise<LegalEntity | null>;
  listLegalEntities(tenantId: string): Promise<LegalEntity[]>;
  /** Clears the default flag on every other entity of the tenant. */
  clearDefaultLegalEntity(tenantId: string, exceptId: string): Promise<void>;
}
