CREATE TABLE "xlsx_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"document_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"mapping" jsonb,
	"active" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "xlsx_templates" ADD CONSTRAINT "xlsx_templates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "xlsx_templates_tenant" ON "xlsx_templates" USING btree ("tenant_id","document_type");--> statement-breakpoint
CREATE UNIQUE INDEX "xlsx_templates_one_active" ON "xlsx_templates" USING btree ("tenant_id","document_type") WHERE "xlsx_templates"."active";