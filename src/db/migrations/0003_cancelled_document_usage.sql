CREATE TABLE "cancelled_document_usage" (
	"tenant_id" text NOT NULL,
	"document_id" text NOT NULL,
	"usage_record_id" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cancelled_document_usage" ADD CONSTRAINT "cancelled_document_usage_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cancelled_document_usage_pk" ON "cancelled_document_usage" USING btree ("document_id","usage_record_id");