CREATE TABLE "generation_session_chunks" (
	"session_id" text NOT NULL,
	"chunk" integer NOT NULL,
	"tenant_id" text NOT NULL,
	"customer_ids" text[] NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "generation_session_chunks_session_id_chunk_pk" PRIMARY KEY("session_id","chunk")
);
--> statement-breakpoint
CREATE TABLE "generation_session_errors" (
	"session_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "generation_session_errors_session_id_customer_id_pk" PRIMARY KEY("session_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "generation_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"document_type" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"scope" jsonb NOT NULL,
	"scope_key" text NOT NULL,
	"status" text NOT NULL,
	"started_by_kind" text NOT NULL,
	"started_by_id" text NOT NULL,
	"customers_total" integer DEFAULT 0 NOT NULL,
	"customers_done" integer DEFAULT 0 NOT NULL,
	"customers_failed" integer DEFAULT 0 NOT NULL,
	"customers_skipped" integer DEFAULT 0 NOT NULL,
	"documents_created" integer DEFAULT 0 NOT NULL,
	"chunks_total" integer DEFAULT 0 NOT NULL,
	"chunks_done" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "documents" RENAME COLUMN "session_id" TO "generation_session_id";--> statement-breakpoint
ALTER TABLE "generation_session_chunks" ADD CONSTRAINT "generation_session_chunks_session_id_generation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."generation_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_session_errors" ADD CONSTRAINT "generation_session_errors_session_id_generation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."generation_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_sessions" ADD CONSTRAINT "generation_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "generation_sessions_tenant_idx" ON "generation_sessions" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "generation_sessions_running_uq" ON "generation_sessions" USING btree ("tenant_id","document_type","scope_key","period_start","period_end") WHERE status = 'in_progress';--> statement-breakpoint
CREATE INDEX "documents_session_idx" ON "documents" USING btree ("tenant_id","generation_session_id") WHERE generation_session_id is not null;