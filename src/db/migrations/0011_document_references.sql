ALTER TABLE "documents" ADD COLUMN "accompanies_document_id" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "converted_to_document_id" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "converted_from_document_id" text;