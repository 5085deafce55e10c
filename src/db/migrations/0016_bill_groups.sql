CREATE TABLE "bill_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"bill_day" integer NOT NULL,
	"usage_bill_day" integer NOT NULL,
	"invoice_close_type" text NOT NULL,
	"render_during_run" boolean NOT NULL,
	"due_date_basis" text NOT NULL,
	"payment_terms_days" integer NOT NULL,
	"deliver_on_close" boolean NOT NULL,
	"sort_order" text NOT NULL,
	"max_unbilled_usage_months" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "bill_group_id" text;--> statement-breakpoint
ALTER TABLE "bill_groups" ADD CONSTRAINT "bill_groups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bill_groups_tenant_idx" ON "bill_groups" USING btree ("tenant_id","id");