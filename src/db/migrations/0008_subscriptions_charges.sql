CREATE TABLE "charges" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"contract_id" text NOT NULL,
	"subscription_id" text,
	"product_id" text,
	"kind" text NOT NULL,
	"product_kind" text NOT NULL,
	"description" text NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"unit_price" numeric(20, 6),
	"amount" numeric(32, 12) NOT NULL,
	"currency" text NOT NULL,
	"tax_rate" numeric(9, 4),
	"service_period_start" date,
	"service_period_end" date,
	"date" date,
	"billing_date" date NOT NULL,
	"full_amount" numeric(32, 12),
	"active_days" integer,
	"period_days" integer,
	"document_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscription_suspensions" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"subscription_id" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"contract_id" text NOT NULL,
	"product_id" text NOT NULL,
	"quantity" numeric(20, 6) NOT NULL,
	"unit_price" numeric(20, 6),
	"start_date" date NOT NULL,
	"end_date" date,
	"billing" text NOT NULL,
	"invoicing_scheme_id" text,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_suspensions" ADD CONSTRAINT "subscription_suspensions_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "charges_tenant_idx" ON "charges" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "charges_customer_idx" ON "charges" USING btree ("tenant_id","customer_id","billing_date");--> statement-breakpoint
CREATE INDEX "charges_document_idx" ON "charges" USING btree ("tenant_id","document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "charges_scheduled_uq" ON "charges" USING btree ("tenant_id","subscription_id","service_period_start") WHERE "charges"."kind" = 'scheduled';--> statement-breakpoint
CREATE INDEX "subscription_suspensions_sub_idx" ON "subscription_suspensions" USING btree ("tenant_id","subscription_id","from_date");--> statement-breakpoint
CREATE INDEX "subscriptions_tenant_idx" ON "subscriptions" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "subscriptions_customer_idx" ON "subscriptions" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "subscriptions_contract_idx" ON "subscriptions" USING btree ("tenant_id","contract_id","product_id");