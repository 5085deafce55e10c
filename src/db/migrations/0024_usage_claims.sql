CREATE TABLE "usage_claims" (
	"tenant_id" text NOT NULL,
	"document_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone NOT NULL,
	"max_seq" bigint NOT NULL,
	"records" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "usage_records" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_claims" ADD CONSTRAINT "usage_claims_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "usage_claims_document_uq" ON "usage_claims" USING btree ("tenant_id","document_id");--> statement-breakpoint
CREATE INDEX "usage_claims_customer_idx" ON "usage_claims" USING btree ("tenant_id","customer_id","from_at");