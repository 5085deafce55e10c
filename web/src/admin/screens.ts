import type { ComponentType, ReactNode } from 'react';
import type { RaRecord } from 'react-admin';
import { CustomerCreate, CustomerEdit, CustomerList } from './screens/customers.tsx';
import { CustomerShow } from './screens/customer-account.tsx';
import { DocumentList } from './screens/documents/list.tsx';
import { DocumentShow } from './screens/documents/show.tsx';
import { DocumentCreate } from './screens/documents/create.tsx';
import { PaymentCreate, PaymentList, PaymentShow } from './screens/payments.tsx';
import { ContractCreate, ContractEdit, ContractList, ContractShow } from './screens/contracts.tsx';
import { SubscriptionCreate, SubscriptionEdit, SubscriptionList, SubscriptionShow } from './screens/subscriptions.tsx';
import { ChargeCreate, ChargeList, ChargeShow } from './screens/charges.tsx';
import * as catalog from './screens/catalog.tsx';
import { UserCreate, UserEdit, UserList } from './screens/users.tsx';
import * as rules from './screens/settings/payment-rules.tsx';
import * as numbering from './screens/settings/numbering.tsx';
import * as templates from './screens/settings/templates.tsx';
import * as xlsx from './screens/settings/xlsx-templates.tsx';
import { ReportsPage } from './screens/settings/reports.tsx';
import { PortalSettingsPage } from './screens/settings/portal.tsx';
import { EmailSettingsPage } from './screens/settings/email.tsx';
import * as webhooks from './screens/webhooks.tsx';
import * as access from './screens/access.tsx';
import * as sessions from './screens/sessions.tsx';
import * as billing from './screens/bill-groups.tsx';
import * as entities from './screens/legal-entities.tsx';
import * as fixed from './screens/fixed-costs.tsx';
import * as rating from './screens/rating.tsx';
import * as usage from './screens/usage.tsx';
import * as assignments from './screens/rate-plan-assignments.tsx';
import * as rejections from './screens/usage-rejections.tsx';
import { TenantSettingsPage } from './screens/settings/tenant.tsx';
import * as sources from './screens/usage-sources.tsx';
import { UsageTotalsList } from './screens/usage-totals.tsx';
import * as events from './screens/webhook-events.tsx';

export interface Screen {
  name: string;
  list: ComponentType;
  show?: ComponentType;
  create?: ComponentType;
  edit?: ComponentType;
  recordRepresentation?: string | ((record: RaRecord) => string);
  adminOnly?: boolean;
  /** Create and edit are offered to admins only (the API refuses accountants). */
  adminEdits?: boolean;
  extraRoutes?: ReactNode;
}

/** The admin app's screens, in menu order; each is a resource of ./resources.ts. */
export const screens: Screen[] = [
  {
    name: 'customers',
    list: CustomerList,
    show: CustomerShow,
    create: CustomerCreate,
    edit: CustomerEdit,
    recordRepresentation: 'name',
  },
  {
    name: 'documents',
    list: DocumentList,
    show: DocumentShow,
    create: DocumentCreate,
    recordRepresentation: (d) => d.number ?? d.id,
  },
  {
    name: 'generation-sessions',
    list: sessions.GenerationSessionList,
    show: sessions.GenerationSessionShow,
    recordRepresentation: (s) => `${s.documentType} ${s.periodStart} – ${s.periodEnd}`,
  },
  {
    name: 'bill-groups',
    list: billing.BillGroupList,
    show: billing.BillGroupShow,
    create: billing.BillGroupCreate,
    edit: billing.BillGroupEdit,
    recordRepresentation: 'name',
  },
  { name: 'bill-runs', list: billing.BillRunList, show: billing.BillRunShow, recordRepresentation: 'billDate' },
  {
    name: 'bulk-actions',
    list: sessions.BulkActionList,
    show: sessions.BulkActionShow,
    recordRepresentation: 'action',
  },
  {
    name: 'payments',
    list: PaymentList,
    show: PaymentShow,
    create: PaymentCreate,
    recordRepresentation: (p) => `${p.amount} ${p.currency}`,
  },
  {
    name: 'contracts',
    list: ContractList,
    show: ContractShow,
    create: ContractCreate,
    edit: ContractEdit,
    recordRepresentation: (c) => (c.number ? `${c.name} (${c.number})` : c.name),
  },
  {
    name: 'subscriptions',
    list: SubscriptionList,
    show: SubscriptionShow,
    create: SubscriptionCreate,
    edit: SubscriptionEdit,
    recordRepresentation: (s) => s.description ?? s.id,
  },
  { name: 'charges', list: ChargeList, show: ChargeShow, create: ChargeCreate, recordRepresentation: 'description' },
  {
    name: 'usage-records',
    list: usage.UsageRecordList,
    show: usage.UsageRecordShow,
    recordRepresentation: (u) => `${u.callee} ${u.startedAt}`,
  },
  { name: 'usage-unrated', list: usage.UnratedUsageList },
  // Calls, minutes and amounts per destination for the filters, and their sums per currency.
  { name: 'usage-totals', list: UsageTotalsList },
  {
    name: 'usage-sources',
    list: sources.UsageSourceList,
    show: sources.UsageSourceShow,
    edit: sources.UsageSourceEdit,
    recordRepresentation: 'source',
  },
  { name: 'usage-rejections', list: rejections.UsageRejectionList },
  {
    name: 'usage-imports',
    list: usage.UsageImportList,
    show: usage.UsageImportShow,
    recordRepresentation: (i) => i.fileName ?? i.id,
  },
  {
    name: 'rate-plans',
    list: rating.RatePlanList,
    show: rating.RatePlanShow,
    create: rating.RatePlanCreate,
    edit: rating.RatePlanEdit,
    recordRepresentation: 'name',
  },
  {
    name: 'rate-plan-assignments',
    list: assignments.AssignmentList,
    create: assignments.AssignmentCreate,
    edit: assignments.AssignmentEdit,
    recordRepresentation: (a) => `${a.validFrom} – ${a.validTo ?? '…'}`,
  },
  {
    name: 'destinations',
    list: rating.DestinationList,
    create: rating.DestinationCreate,
    edit: rating.DestinationEdit,
    recordRepresentation: (d) => `${d.prefix} ${d.name}`,
  },
  {
    name: 'fixed-costs',
    list: fixed.FixedCostList,
    create: fixed.FixedCostCreate,
    edit: fixed.FixedCostEdit,
    recordRepresentation: 'name',
  },
  {
    name: 'products',
    list: catalog.ProductList,
    show: catalog.ProductShow,
    create: catalog.ProductCreate,
    edit: catalog.ProductEdit,
    recordRepresentation: 'name',
  },
  {
    name: 'invoicing-schemes',
    list: catalog.SchemeList,
    show: catalog.SchemeShow,
    create: catalog.SchemeCreate,
    edit: catalog.SchemeEdit,
    recordRepresentation: 'name',
  },
  {
    name: 'allocation-configurations',
    list: rules.AllocationConfigurationList,
    create: rules.AllocationConfigurationCreate,
    edit: rules.AllocationConfigurationEdit,
    recordRepresentation: 'name',
  },
  { name: 'exchange-rates', list: rules.ExchangeRateList, create: rules.ExchangeRateCreate },
  {
    name: 'number-sequences',
    list: numbering.NumberSequenceList,
    create: numbering.NumberSequenceCreate,
    edit: numbering.NumberSequenceEdit,
    recordRepresentation: 'name',
  },
  {
    name: 'templates',
    list: templates.TemplateList,
    show: templates.TemplateShow,
    create: templates.TemplateCreate,
    edit: templates.TemplateEdit,
    recordRepresentation: 'name',
  },
  {
    name: 'xlsx-templates',
    list: xlsx.XlsxTemplateList,
    show: xlsx.XlsxTemplateShow,
    create: xlsx.XlsxTemplateCreate,
    recordRepresentation: 'name',
  },
  // The tenant's own settings and generation schedules, one page.
  { name: 'tenant-settings', list: TenantSettingsPage },
  {
    name: 'legal-entities',
    list: entities.LegalEntityList,
    show: entities.LegalEntityShow,
    create: entities.LegalEntityCreate,
    edit: entities.LegalEntityEdit,
    recordRepresentation: 'name',
    adminEdits: true,
  },
  // Not a resource of the API: a page of reports, listed in the menu like the others.
  { name: 'reports', list: ReportsPage },
  // Not a resource either: the tenant's portal visibility, one page of switches.
  { name: 'portal-settings', list: PortalSettingsPage },
  // The outgoing mail server and how documents are emailed.
  { name: 'email-settings', list: EmailSettingsPage },
  {
    name: 'webhook-endpoints',
    list: webhooks.WebhookList,
    show: webhooks.WebhookShow,
    create: webhooks.WebhookCreate,
    edit: webhooks.WebhookEdit,
    recordRepresentation: 'url',
    adminOnly: true,
  },
  {
    name: 'webhook-events',
    list: events.WebhookEventList,
    show: events.WebhookEventShow,
    recordRepresentation: 'type',
    adminOnly: true,
  },
  { name: 'users', list: UserList, create: UserCreate, edit: UserEdit, adminOnly: true },
  { name: 'api-keys', list: access.ApiKeyList, create: access.ApiKeyCreate, adminOnly: true },
  { name: 'audit-events', list: access.AuditEventList },
];
