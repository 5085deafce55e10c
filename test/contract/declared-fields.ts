// Compile-time half of the contract: response schemas strip what they do not declare, so a field a
// use case starts returning would silently never reach clients. Each line below fails `tsc` when
// the use case's answer has a top-level field its response schema lacks (internal ones excepted).
import type { z } from 'zod';
import type { Customer as CustomerRecord } from '../../src/app/ports/customers.ts';
import type { DocumentOut } from '../../src/app/documents/present.ts';
import type { CallOut, DestinationDetailOut } from '../../src/app/documents/queries.ts';
import type { DocumentFixedCostLine } from '../../src/app/ports/document-lines.ts';
import type { FixedCost as FixedCostRecord } from '../../src/app/ports/fixed-costs.ts';
import type { TemplateRecord } from '../../src/app/ports/templates.ts';
import type { SequenceView } from '../../src/app/documents/number-sequences.ts';
import type {
  ApiKeyRecord,
  LegalEntity as LegalEntityRecord,
  Tenant as TenantRecord,
} from '../../src/app/ports/tenancy.ts';
import type { AuditEvent as AuditRecord } from '../../src/app/ports/audit.ts';
import type {
  Destination as DestinationRecord,
  RatePlan as PlanRecord,
  Rate as RateRecord,
  RatePlanAssignment,
} from '../../src/app/ports/rating.ts';
import type {
  SourceWatermark as WatermarkRecord,
  UnratedCount as UnratedRecord,
  UsageRejection as RejectionRecord,
} from '../../src/app/ports/usage.ts';
import type { BatchResult as BatchRecord } from '../../src/app/usage/ingest-usage-records.ts';
import type { RerateResult as RerateRecord } from '../../src/app/usage/rerate-usage.ts';
import type { ReprocessResult as ReprocessRecord } from '../../src/app/usage/reprocess-rejections.ts';
import type { ReclassifyResult } from '../../src/app/usage/reclassify-usage.ts';
import type { UsageTotals as TotalsRecord } from '../../src/app/usage/query-usage.ts';
import type { presentRecord } from '../../src/http/routes/usage-schemas.ts';
import type { present as presentImport } from '../../src/http/routes/usage-imports.ts';
import type { Customer } from '../../src/http/routes/customers.schema.ts';
import type { Document, DocumentLine } from '../../src/http/routes/documents.schema.ts';
import type { DocumentFixedCost } from '../../src/http/routes/document-fixed-costs.schema.ts';
import type { DocumentCall, DestinationDetail } from '../../src/http/routes/document-usage.schema.ts';
import type { FixedCost, NumberSequence } from '../../src/http/routes/catalog.schema.ts';
import type { Template } from '../../src/http/routes/templates.schema.ts';
import type { ApiKey, Tenant } from '../../src/http/routes/tenant.schema.ts';
import type { LegalEntity } from '../../src/http/routes/legal-entities.schema.ts';
import type { AuditEvent } from '../../src/http/routes/audit-events.schema.ts';
import type { Destination } from '../../src/http/routes/destinations.schema.ts';
import type { Assignment, Rate, RatePlan } from '../../src/http/routes/rate-plans.schema.ts';
import type {
  UsageRecord,
  BatchResult,
  RerateResult,
  UnratedCount,
  UsageTotals,
} from '../../src/http/routes/usage-records.schema.ts';
import type { UsageImport } from '../../src/http/routes/usage-imports.schema.ts';
import type {
  ReprocessResult,
  SourceWatermark,
  UsageRejection,
  reclassifyResult,
} from '../../src/http/routes/usage-sources.schema.ts';
import type { XlsxTemplateRecord } from '../../src/app/ports/xlsx-templates.ts';
import type { XlsxTemplate } from '../../src/http/routes/xlsx-templates.schema.ts';

/** Columns that stay inside: the tenant is the caller's own, and is implied by the API key. */
type Internal = 'tenantId';
type Undeclared<Value, Schema extends z.ZodType> = Exclude<keyof Value, keyof z.output<Schema> | Internal>;
/** `true` when every field is declared; otherwise a type naming the missing fields, which `true` does not fit. */
type Declares<Value, Schema extends z.ZodType> = [Undeclared<Value, Schema>] extends [never]
  ? true
  : { undeclared: Undeclared<Value, Schema> };

export const declared: true[] = [
  true satisfies Declares<CustomerRecord, typeof Customer>,
  true satisfies Declares<DocumentOut, typeof Document>,
  true satisfies Declares<DocumentOut['lines'][number], typeof DocumentLine>,
  true satisfies Declares<CallOut, typeof DocumentCall>,
  true satisfies Declares<DestinationDetailOut, typeof DestinationDetail>,
  true satisfies Declares<DocumentFixedCostLine, typeof DocumentFixedCost>,
  true satisfies Declares<FixedCostRecord, typeof FixedCost>,
  true satisfies Declares<SequenceView, typeof NumberSequence>,
  true satisfies Declares<TemplateRecord, typeof Template>,
  true satisfies Declares<TenantRecord, typeof Tenant>,
  true satisfies Declares<ApiKeyRecord, typeof ApiKey>,
  true satisfies Declares<LegalEntityRecord, typeof LegalEntity>,
  true satisfies Declares<AuditRecord, typeof AuditEvent>,
  true satisfies Declares<DestinationRecord, typeof Destination>,
  true satisfies Declares<PlanRecord, typeof RatePlan>,
  true satisfies Declares<RateRecord, typeof Rate>,
  true satisfies Declares<RatePlanAssignment, typeof Assignment>,
  true satisfies Declares<ReturnType<typeof presentRecord>, typeof UsageRecord>,
  true satisfies Declares<ReturnType<typeof presentImport>, typeof UsageImport>,
  true satisfies Declares<BatchRecord, typeof BatchResult>,
  true satisfies Declares<RerateRecord, typeof RerateResult>,
  true satisfies Declares<UnratedRecord, typeof UnratedCount>,
  true satisfies Declares<TotalsRecord, typeof UsageTotals>,
  true satisfies Declares<ReprocessRecord, typeof ReprocessResult>,
  true satisfies Declares<ReclassifyResult, typeof reclassifyResult>,
  true satisfies Declares<WatermarkRecord, typeof SourceWatermark>,
  true satisfies Declares<RejectionRecord, typeof UsageRejection>,
  true satisfies Declares<XlsxTemplateRecord, typeof XlsxTemplate>,
];
