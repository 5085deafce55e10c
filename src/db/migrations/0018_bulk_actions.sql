CREATE TABLE "bulk_action_items" (
	"bulk_action_id" text NOT NULL,
	"position" integer NOT NULL,
	"document_id" text NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"error_code" text,
	"error_message" text,
	"finished_at" timestamp with time zone,
	CONSTRAINT "bulk_action_items_bulk_action_id_position_pk" PRIMARY KEY("bulk_action_id","position")
);
--> statement-breakpoint
CREATE TABLE "bulk_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"generation_session_id" text,
	"issue_order" text DEFAULT 'customer_name' NOT NULL,
	"reason" text,
	"started_by" jsonb NOT NULL,
	"total" integer NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "generation_schedule_runs" (
	"tenant_id" text NOT NULL,
	"document_type" text NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	"session_ids" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "generation_schedule_runs_tenant_id_document_type_fired_at_pk" PRIMARY KEY("tenant_id","document_type","fired_at")
);
--> statement-breakpoint
ALTER TABLE "bulk_action_items" ADD CONSTRAINT "bulk_action_items_bulk_action_id_bulk_actions_id_fk" FOREIGN KEY ("bulk_action_id") REFERENCES "public"."bulk_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_actions" ADD CONSTRAINT "bulk_actions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_schedule_runs" ADD CONSTRAINT "generation_schedule_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_actions_tenant_idx" ON "bulk_actions" USING btree ("tenant_id","id");