import type { Deps } from '../deps.ts';
import type { Session } from '../ports/session.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import { allocateCredit } from './allocate.ts';
import { releaseDocumentAllocations } from './manage-allocations.ts';
import { PAYABLE_DOCUMENT_TYPES } from '../../core/payments/index.ts';

/** Called by the issue use case in its transaction: applies the customer's credit to the new document. */
export async function applyCreditOnIssue(s: Session, deps: Deps, doc: DocumentRecord): Promise<DocumentRecord> {
  if (!PAYABLE_DOCUMENT_TYPES.includes(doc.type)) return doc;
  const tenant = await s.tenancy.getTenant(doc.tenantId);
  if (!tenant) return doc;
  const rows = await allocateCredit(s, tenant, deps.clock, doc.customerId);
  if (rows.length === 0) return doc;
  return (await s.documents.getDocument(doc.tenantId, doc.id)) ?? doc;
}

/** Called by the cancel use case in its transaction: the document's payments return to credit. */
export async function returnPaymentsOnCancel(s: Session, deps: Deps, doc: DocumentRecord): Promise<void> {
  const tenant = await s.tenancy.getTenant(doc.tenantId);
  if (tenant) await releaseDocumentAllocations(s, deps, tenant, doc.id);
}
