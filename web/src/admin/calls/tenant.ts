import { api, type Schemas } from '../../api/client.ts';
import { unwrap } from '../../api/problems.ts';
import { byId, type ResourceApi } from './common.ts';

export type Tenant = Schemas['Tenant'];
export type GenerationSettings = Schemas['GenerationSettings'];
export type TenantChange = {
  name?: string;
  timezone?: string;
  currency?: string;
  locale?: 'en' | 'ru';
  settings?: {
    paymentTermsDays?: number;
    roundingMode?: 'half_up' | 'half_even' | 'down' | 'up';
    overdueGraceDays?: number;
    skipMissingInvoices?: boolean;
  };
};

/** The tenant's own settings (one record, no id in the path) and its generation schedules. */
export const tenantSettings = {
  get: () => unwrap(api.GET('/api/v1/tenant')),
  update: (body: TenantChange) => unwrap(api.PATCH('/api/v1/tenant', { body })),
  schedules: () => unwrap(api.GET('/api/v1/settings/generation-schedules')),
  replaceSchedules: (body: GenerationSettings) =>
    unwrap(api.PUT('/api/v1/settings/generation-schedules', { body: body as never })),
};

export const legalEntities: ResourceApi = {
  list: () => unwrap(api.GET('/api/v1/legal-entities')),
  one: (id) => unwrap(api.GET('/api/v1/legal-entities/{id}', byId(id))),
  create: (body: Schemas['LegalEntity']) => unwrap(api.POST('/api/v1/legal-entities', { body: body as never })),
  update: (id, body: Partial<Schemas['LegalEntity']>) =>
    unwrap(api.PATCH('/api/v1/legal-entities/{id}', { ...byId(id), body: body as never })),
};

export const fixedCosts: ResourceApi = {
  list: () => unwrap(api.GET('/api/v1/fixed-costs')),
  one: (id) => unwrap(api.GET('/api/v1/fixed-costs/{id}', byId(id))),
  create: (body: Schemas['FixedCost']) => unwrap(api.POST('/api/v1/fixed-costs', { body: body as never })),
  update: (id, body: Partial<Schemas['FixedCost']>) =>
    unwrap(api.PATCH('/api/v1/fixed-costs/{id}', { ...byId(id), body: body as never })),
};
