import type { FastifyInstance } from 'fastify';
import type { HttpServices } from '../services.ts';
import { healthRoutes } from './health.ts';
import { homeRoutes } from './home.ts';
import { tenantRoutes } from './tenant.ts';
import { customerRoutes } from './customers.ts';
import { legalEntityRoutes } from './legal-entities.ts';
import { auditRoutes } from './audit-events.ts';
import { catalogRoutes } from './catalog.ts';
import { templateRoutes } from './templates.ts';
import { documentRoutes } from './documents.ts';
import { documentOutputRoutes } from './document-outputs.ts';
import { xlsxTemplateRoutes } from './xlsx-templates.ts';
import { exportRoutes } from './exports.ts';
import { destinationRoutes } from './destinations.ts';
import { ratePlanRoutes } from './rate-plans.ts';
import { usageRecordRoutes } from './usage-records.ts';
import { usageImportRoutes } from './usage-imports.ts';
import { generationSessionRoutes } from './generation-sessions.ts';
import { usageSourceRoutes } from './usage-sources.ts';
import { productRoutes } from './products.ts';
import { invoicingSchemeRoutes } from './invoicing-schemes.ts';
import { billGroupRoutes } from './bill-groups.ts';
import { billRunRoutes } from './bill-runs.ts';
import { contractRoutes } from './contracts.ts';
import { customerSchemeRoutes } from './customer-invoicing-scheme.ts';
import { subscriptionRoutes } from './subscriptions.ts';
import { chargeRoutes } from './charges.ts';
import { userRoutes } from './users.ts';
import { signInRoutes } from './sign-in.ts';
import { customerPortalRoutes, portalRoutes } from './portal.ts';
import { paymentRoutes } from './payments.ts';
import { paymentImportRoutes } from './payment-imports.ts';
import { paymentSettingRoutes } from './payment-settings.ts';
import { paymentReportRoutes } from './payment-reports.ts';
import { webhookRoutes } from './webhooks.ts';
import { deliveryRoutes } from './delivery.ts';
import { bulkActionRoutes } from './bulk-actions.ts';
import { generationScheduleRoutes } from './generation-schedules.ts';

export async function registerRoutes(app: FastifyInstance, services: HttpServices) {
  healthRoutes(app, services);
  await homeRoutes(app, services);
  await app.register(
    async (api) => {
      tenantRoutes(api, services);
      customerRoutes(api, services);
      legalEntityRoutes(api, services);
      auditRoutes(api, services);
      catalogRoutes(api, services);
      templateRoutes(api, services);
      documentRoutes(api, services);
      documentOutputRoutes(api, services);
      deliveryRoutes(api, services);
      xlsxTemplateRoutes(api, services);
      exportRoutes(api, services);
      destinationRoutes(api, services);
      ratePlanRoutes(api, services);
      usageRecordRoutes(api, services);
      usageImportRoutes(api, services);
      generationSessionRoutes(api, services);
      usageSourceRoutes(api, services);
      productRoutes(api, services);
      invoicingSchemeRoutes(api, services);
      billGroupRoutes(api, services);
      billRunRoutes(api, services);
      contractRoutes(api, services);
      customerSchemeRoutes(api, services);
      subscriptionRoutes(api, services);
      chargeRoutes(api, services);
      signInRoutes(api, services);
      userRoutes(api, services);
      portalRoutes(api, services);
      paymentRoutes(api, services);
      paymentImportRoutes(api, services);
      paymentSettingRoutes(api, services);
      paymentReportRoutes(api, services);
      webhookRoutes(api, services);
      bulkActionRoutes(api, services);
      generationScheduleRoutes(api, services);
    },
    { prefix: '/api/v1' },
  );
  // The customer-scoped API also answers under its own prefix: /portal/v1/documents and so on.
  await app.register(async (portal) => customerPortalRoutes(portal, services, { base: '', documented: false }), {
    prefix: '/portal/v1',
  });
}
