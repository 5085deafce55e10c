-- Deleting a document makes PostgreSQL check every foreign key to it, one statement per deleted
-- row: `charges` (must not reference it) and `usage_claims` (deleted with it) are searched by
-- document_id alone. Both indexes led with tenant_id, so each check read the whole index or table:
-- about 120 ms per draft at 100,000 customers, hours for the bulk delete of a session's drafts.
-- document_id first serves those checks with one probe, and every query that named the tenant and
-- the document still finds its rows in the same index.
DROP INDEX "charges_document_idx";--> statement-breakpoint
CREATE INDEX "charges_document_idx" ON "charges" USING btree ("document_id","tenant_id");--> statement-breakpoint
DROP INDEX "usage_claims_document_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "usage_claims_document_uq" ON "usage_claims" USING btree ("document_id","tenant_id");
