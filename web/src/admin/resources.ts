import { api, type Schemas } from '../api/client.ts';
import { unwrap } from '../api/problems.ts';
import { byId, q, type QueryOf, type ResourceApi } from './calls/common.ts';
import { allocationConfigurations, exchangeRates, payments } from './calls/payments.ts';
import { documentDeliveries, documentFixedCosts, documents } from './calls/documents.ts';
import { charges, contracts, subscriptions } from './calls/billing.ts';
import { numberSequences, templates, xlsxTemplates } from './calls/outputs.ts';
import { bulkActions, generationSessions } from './calls/sessions.ts';
import { billGroups, billRuns } from './calls/bill-groups.ts';
import { webhookEndpoints } from './calls/webhooks.ts';
import { apiKeys, auditEvents } from './calls/access.ts';
import { fixedCosts, legalEntities } from './calls/tenant.ts';
import * as usage from './calls/usage.ts';
import { invoicingSchemes, products } from './calls/catalog.ts';
import { usageSources, usageTotals, webhookEvents } from './calls/operations.ts';

export type { ResourceApi } from './calls/common.ts';

/** Each screen's resource: adding a screen is adding an entry here (its calls in ./calls) and its page in ./screens. */
export const resources: Record<string, ResourceApi> = {
  customers: {
    list: (query) => unwrap(api.GET('/api/v1/customers', { params: { query: q<QueryOf<'listCustomers'>>(query) } })),
    one: (id) => unwrap(api.GET('/api/v1/customers/{id}', byId(id))),
    create: (body: Schemas['Customer']) => unwrap(api.POST('/api/v1/customers', { body: body as never })),
    update: (id, body: Partial<Schemas['Customer']>) =>
      unwrap(api.PATCH('/api/v1/customers/{id}', { ...byId(id), body: body as never })),
    // Only a customer without billing history: the API refuses the others (409) and says why.
    remove: async (id) => {
      await unwrap(api.DELETE('/api/v1/customers/{id}', byId(id)));
    },
  },
  documents,
  'document-deliveries': documentDeliveries,
  'document-fixed-costs': documentFixedCosts,
  products,
  'invoicing-schemes': invoicingSchemes,
  'legal-entities': legalEntities,
  users: {
    list: () => unwrap(api.GET('/api/v1/users')),
    one: (id) => unwrap(api.GET('/api/v1/users/{id}', byId(id))),
    update: (id, body: { name?: string; role?: 'admin' | 'accountant' | 'viewer'; status?: 'active' | 'disabled' }) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { ...byId(id), body })),
    // The answer is the user and its invitation link; the screen shows the link once.
    create: async (body: { email: string; name: string; role: 'admin' | 'accountant' | 'viewer' }) => {
      const invited = await unwrap(api.POST('/api/v1/users', { body }));
      return { ...invited.user, invitation: invited.invitation };
    },
  },
  payments,
  'allocation-configurations': allocationConfigurations,
  'exchange-rates': exchangeRates,
  contracts,
  subscriptions,
  charges,
  'number-sequences': numberSequences,
  templates,
  'xlsx-templates': xlsxTemplates,
  'generation-sessions': generationSessions,
  'bulk-actions': bulkActions,
  'bill-groups': billGroups,
  'bill-runs': billRuns,
  'webhook-endpoints': webhookEndpoints,
  'api-keys': apiKeys,
  'audit-events': auditEvents,
  'fixed-costs': fixedCosts,
  'rate-plans': usage.ratePlans,
  rates: usage.rates,
  destinations: usage.destinations,
  'usage-records': usage.usageRecords,
  'usage-unrated': usage.unratedUsage,
  'usage-imports': usage.usageImports,
  'usage-import-rejections': usage.usageImportRejections,
  'usage-rejections': usage.usageRejections,
  'rate-plan-assignments': usage.ratePlanAssignments,
  'usage-sources': usageSources,
  'usage-totals': usageTotals,
  'webhook-events': webhookEvents,
};
