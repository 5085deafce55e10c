CREATE TABLE "contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"customer_id" text,
	"basic_contract_id" text,
	"number" text,
	"date" text,
	"status" text DEFAULT 'active' NOT NULL,
	"invoicing_scheme_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoicing_schemes" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"legal_entity_id" text,
	"invoice_number_sequence_id" text NOT NULL,
	"proforma_number_sequence_id" text,
	"act_number_sequence_id" text,
	"vat_invoice_number_sequence_id" text,
	"payment_terms_days" integer NOT NULL,
	"tax_rate" numeric(9, 4) NOT NULL,
	"call_discount_percent" numeric(9, 4) NOT NULL,
	"currency" text,
	"template_ids" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"proforma_includes_unscheduled" boolean DEFAULT false NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"names" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"unit" text NOT NULL,
	"currency" text NOT NULL,
	"kind" text NOT NULL,
	"period" text,
	"tax_rate" numeric(9, 4),
	"allocation_priority" integer DEFAULT 0 NOT NULL,
	"price_model" jsonb NOT NULL,
	"allow_overlap" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "activation_date" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoicing_schemes" ADD CONSTRAINT "invoicing_schemes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contracts_tenant_idx" ON "contracts" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "contracts_customer_idx" ON "contracts" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_number_uq" ON "contracts" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "invoicing_schemes_tenant_idx" ON "invoicing_schemes" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoicing_schemes_default_uq" ON "invoicing_schemes" USING btree ("tenant_id") WHERE "invoicing_schemes"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "products_code_uq" ON "products" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "products_tenant_idx" ON "products" USING btree ("tenant_id","id");--> statement-breakpoint
-- Customers created before activation dates existed were active from the day they were created (tenant zone).
UPDATE "customers" SET "activation_date" = to_char("customers"."created_at" AT TIME ZONE "tenants"."timezone", 'YYYY-MM-DD') FROM "tenants" WHERE "tenants"."id" = "customers"."tenant_id" AND "customers"."activation_date" IS NULL;
