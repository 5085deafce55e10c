ALTER TABLE "document_lines" ADD COLUMN "charge_id" text;--> statement-breakpoint
ALTER TABLE "document_lines" ADD COLUMN "service_period_start" date;--> statement-breakpoint
ALTER TABLE "document_lines" ADD COLUMN "service_period_end" date;--> statement-breakpoint
ALTER TABLE "document_lines" ADD COLUMN "line_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "document_lines" ADD COLUMN "description_edited" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "total_charges" numeric(20, 6);--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "invoicing_scheme_id" text;