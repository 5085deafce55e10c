CREATE TABLE "bill_cycle_accounts" (
	"tenant_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"billed_through" date NOT NULL,
	CONSTRAINT "bill_cycle_accounts_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "bill_run_chunks" (
	"run_id" text NOT NULL,
	"chunk" integer NOT NULL,
	"tenant_id" text NOT NULL,
	"customer_ids" text[] NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "bill_run_chunks_run_id_chunk_pk" PRIMARY KEY("run_id","chunk")
);
--> statement-breakpoint
CREATE TABLE "bill_run_documents" (
	"run_id" text NOT NULL,
	"document_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "bill_run_documents_run_id_document_id_pk" PRIMARY KEY("run_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "bill_run_errors" (
	"run_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "bill_run_errors_run_id_customer_id_pk" PRIMARY KEY("run_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "bill_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"bill_group_id" text NOT NULL,
	"bill_date" date NOT NULL,
	"invoice_close_type" text NOT NULL,
	"status" text NOT NULL,
	"started_by_kind" text NOT NULL,
	"started_by_id" text NOT NULL,
	"accounts_total" integer DEFAULT 0 NOT NULL,
	"accounts_billed" integer DEFAULT 0 NOT NULL,
	"accounts_failed" integer DEFAULT 0 NOT NULL,
	"accounts_skipped" integer DEFAULT 0 NOT NULL,
	"invoices_opened" integer DEFAULT 0 NOT NULL,
	"invoices_closed" integer DEFAULT 0 NOT NULL,
	"chunks_total" integer DEFAULT 0 NOT NULL,
	"chunks_done" integer DEFAULT 0 NOT NULL,
	"closed_all" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "open_invoices" (
	"tenant_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"document_id" text NOT NULL,
	"bill_group_id" text NOT NULL,
	"window_start" date NOT NULL,
	"usage_through" date,
	"charges_through" date NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	CONSTRAINT "open_invoices_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "presented_payments" (
	"tenant_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"document_id" text NOT NULL,
	CONSTRAINT "presented_payments_tenant_id_payment_id_pk" PRIMARY KEY("tenant_id","payment_id")
);
--> statement-breakpoint
ALTER TABLE "bill_run_chunks" ADD CONSTRAINT "bill_run_chunks_run_id_bill_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."bill_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_run_documents" ADD CONSTRAINT "bill_run_documents_run_id_bill_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."bill_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_run_errors" ADD CONSTRAINT "bill_run_errors_run_id_bill_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."bill_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_runs" ADD CONSTRAINT "bill_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_runs" ADD CONSTRAINT "bill_runs_bill_group_id_bill_groups_id_fk" FOREIGN KEY ("bill_group_id") REFERENCES "public"."bill_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bill_runs_tenant_idx" ON "bill_runs" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "bill_runs_running_uq" ON "bill_runs" USING btree ("tenant_id","bill_group_id") WHERE status = 'in_progress';--> statement-breakpoint
CREATE INDEX "open_invoices_group_idx" ON "open_invoices" USING btree ("tenant_id","bill_group_id");--> statement-breakpoint
CREATE INDEX "presented_payments_doc_idx" ON "presented_payments" USING btree ("tenant_id","document_id");