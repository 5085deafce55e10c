CREATE TABLE "usage_source_settings" (
	"tenant_id" text NOT NULL,
	"source" text NOT NULL,
	"format" text NOT NULL,
	"internal_max_digits" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "usage_imports" ADD COLUMN "outbound_external" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_imports" ADD COLUMN "outbound_internal" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_imports" ADD COLUMN "inbound" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_imports" ADD COLUMN "ignored" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_imports" ADD COLUMN "ignored_reasons" jsonb;--> statement-breakpoint
ALTER TABLE "usage_records" ADD COLUMN "classified_by" text;--> statement-breakpoint
ALTER TABLE "usage_records" ADD COLUMN "cdr_fields" jsonb;--> statement-breakpoint
ALTER TABLE "usage_source_settings" ADD CONSTRAINT "usage_source_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "usage_source_settings_pk" ON "usage_source_settings" USING btree ("tenant_id","source");