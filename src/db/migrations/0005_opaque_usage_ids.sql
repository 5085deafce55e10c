-- Usage-record and rejection ids become opaque, time-ordered text made by the application instead
-- of one identity counter shared by every tenant (which told a tenant how much the others ingest).
-- Existing ids keep their order and sort before every new one ("ur_0000…" < "ur_0m…"); byte-wise
-- collation keeps comparisons on the hot paths cheap and the order independent of the locale.
ALTER TABLE "usage_records" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "usage_records" ALTER COLUMN "id" SET DATA TYPE text COLLATE "C" USING 'ur_' || lpad("id"::text, 20, '0');--> statement-breakpoint
ALTER TABLE "cancelled_document_usage" ALTER COLUMN "usage_record_id" SET DATA TYPE text COLLATE "C" USING 'ur_' || lpad("usage_record_id"::text, 20, '0');--> statement-breakpoint
ALTER TABLE "usage_rejections" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "usage_rejections" ALTER COLUMN "id" SET DATA TYPE text COLLATE "C" USING 'urj_' || lpad("id"::text, 20, '0');
