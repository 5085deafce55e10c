DROP INDEX "usage_records_document_idx";--> statement-breakpoint
ALTER TABLE "usage_rejections" ADD COLUMN "raw_hash" text;--> statement-breakpoint
ALTER TABLE "usage_rejections" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "usage_rejections_import_idx" ON "usage_rejections" USING btree ("import_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "usage_rejections_open_uq" ON "usage_rejections" USING btree ("tenant_id","raw_hash") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "usage_records_document_idx" ON "usage_records" USING btree ("document_id") WHERE document_id is not null;