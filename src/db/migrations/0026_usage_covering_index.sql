-- The customer-time index also carries every column a document's usage aggregate reads, so a
-- session chunk sums its customers' calls from the index alone (an index-only scan, a few pages per
-- customer) instead of one heap page per call: calls arrive interleaved across customers, so a
-- customer's month is spread over the whole table. Same key, so every other reader keeps using it.
DROP INDEX "usage_records_customer_time_idx";--> statement-breakpoint
CREATE INDEX "usage_records_customer_time_idx" ON "usage_records" USING btree ("tenant_id","customer_id","started_at") INCLUDE ("seq","direction","external","rated","document_id","rate_plan_id","destination_prefix","destination_name","duration_seconds","price");
