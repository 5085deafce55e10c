import type { Deps } from '../deps.ts';
import type { Session } from '../ports/session.ts';
import type { Customer } from '../ports/customers.ts';
import type { InvoicingScheme } from '../ports/schemes.ts';
import type { LegalEntity } from '../ports/tenancy.ts';
import type { DocumentRecord, NewDocument } from '../ports/documents.ts';
import type { GenerationSessionRecord, SessionError } from '../ports/generation-sessions.ts';
import { AppError } from '../errors.ts';
import { assembleHeader, resolveSender } from '../documents/create-document.ts';
import { schemeSequenceId } from '../documents/document-scheme.ts';
import { periodRange, ruleRefusal } from '../documents/invoice-rules.ts';
import { takeSnapshots } from '../documents/document-snapshot.ts';
import { commitDocuments, totalsOf } from '../documents/commit-document.ts';
import { restateInvoices } from '../documents/accompany.ts';
import { produceDueChargesOf } from '../documents/due-charges.ts';
import { lateSourcesIn } from '../usage/source-watermarks.ts';
import { computeDocument } from '../../core/invoice/compute-document.ts';
import { resolveScheme } from '../../core/catalog/index.ts';
import { policyFor } from '../../core/documents/policy.ts';
import { todayInZone } from '../../core/time/zones.ts';

export interface ChunkResult {
  documentIds: string[];
  errors: SessionError[];
  /** Customers with a document of the period already, or with nothing to bill. */
  skipped: number;
}

/**
 * Makes the documents of one chunk of a session's customers inside the caller's transaction, with
 * the single document's pieces run over the whole set: the type's rules per customer from facts
 * read in bulk (a broken rule is that customer's error, never the others'), headers assembled as
 * creation assembles them, the due subscription charges produced, then one snapshot (one usage aggregate, one charges query), the pure
 * `computeDocument` per customer, and one commit (one claim statement each for usage and charges,
 * multi-row writes of documents and lines).
 */
export async function makeChunkDocuments(
  deps: Deps,
  s: Session,
  session: GenerationSessionRecord,
  customerIds: readonly string[],
): Promise<ChunkResult> {
  const tenantId = session.tenantId;
  const type = session.documentType;
  const policy = policyFor(type);
  const tenant = (await s.tenancy.getTenant(tenantId))!;
  // The same lock single documents take: a concurrent POST /documents for one of these customers waits.
  await s.documents.lockCustomers(tenantId, customerIds);
  const customers = await s.customers.getMany(tenantId, customerIds);
  const present = customerIds.filter((id) => customers.has(id));
  const range = periodRange(session.periodStart, session.periodEnd, tenant.timezone);
  // One after the other: the chunk's transaction has one connection, which runs one statement at a time.
  const overlapping = await s.documents.overlappingOf(tenantId, present, type, session.periodStart, session.periodEnd);
  const unrated = policy.rules.includes('UNRATED_USAGE')
    ? await s.usageClaims.countUnratedOf(tenantId, present, range)
    : new Map<string, number>();
  const late = policy.rules.includes('DATA_INCONSISTENT') ? await lateSourcesIn(s, tenantId, range.to) : [];
  // An issued invoice a re-rate took usage off (through a credit note) leaves the period open for
  // that usage until a document bills it again (ADR 0015).
  const reopened = await s.usageClaims.reopenedForUsage(tenantId, [...overlapping.values()].flat());
  const today = todayInZone(deps.clock.now(), tenant.timezone);
  const errors: SessionError[] = [];
  let skipped = customerIds.length - present.length;
  const due: Customer[] = [];
  for (const id of present) {
    // Already billed for the period (by an earlier session or by hand): skipped, never duplicated.
    if (overlapping.get(id)?.some((doc) => !reopened.has(doc))) {
      skipped += 1;
      continue;
    }
    const refusal = ruleRefusal(
      {
        tenantId,
        tenantTimezone: tenant.timezone,
        customerId: id,
        type,
        periodStart: session.periodStart,
        periodEnd: session.periodEnd,
      },
      today,
      { unratedCount: unrated.get(id) ?? 0, overlappingIds: [], late },
    );
    if (refusal) errors.push(errorOf(id, refusal));
    else due.push(customers.get(id)!);
  }
  if (policy.references === 'accompanies_invoice') return restateChunk(s, session, due, errors, skipped);
  const headers = await headersOf(s, tenantId, { ...session, sessionId: session.id }, due, (customerId, error) =>
    errors.push(errorOf(customerId, error)),
  );
  // As for a single document, the scheduled charges the period makes due are produced first, in
  // this transaction, so that the snapshot finds them free: for the whole chunk at once.
  await produceDueChargesOf(s, headers, deps.clock, customers);
  const snapshots = await takeSnapshots(
    s,
    headers.map((h) => ({ ...h, convertedFromDocumentId: null })),
  );
  // A customer with nothing to bill in the period gets no empty document.
  const billable = headers.flatMap((header, i) => {
    const snapshot = snapshots[i]!;
    const { usage, charges } = snapshot.input;
    return usage.length || charges?.length ? [{ header, snapshot }] : [];
  });
  skipped += headers.length - billable.length;
  // Computed before they are stored, the drafts are inserted with their totals, and the commit
  // only claims and writes their lines (nothing to read back, delete or update).
  const computations = billable.map((b) => computeDocument(b.snapshot.input));
  const docs = await s.documents.insertDocuments(
    billable.map((b, i) => ({ ...b.header, ...totalsOf(computations[i]!) })),
  );
  await commitDocuments(
    s,
    docs.map((doc, i) => ({ doc, snapshot: billable[i]!.snapshot, computation: computations[i]! })),
    { fresh: true },
  );
  await s.generationSessions.addErrors(tenantId, session.id, errors);
  return { documentIds: docs.map((d) => d.id), errors, skipped };
}

/**
 * Acts and VAT invoices: each due customer's document restates its issued invoice of exactly the
 * session's period, as a single one made with accompaniesDocumentId does (same lines and totals,
 * nothing claimed). A customer whose invoice of the period is still a draft is an error
 * (INVOICE_NOT_ISSUED: issue it, then run the session again); one with no invoice of the period
 * has nothing to restate and is skipped.
 */
async function restateChunk(
  s: Session,
  session: GenerationSessionRecord,
  due: readonly Customer[],
  errors: SessionError[],
  skipped: number,
): Promise<ChunkResult> {
  const tenantId = session.tenantId;
  const overlapping = await s.documents.overlappingOf(
    tenantId,
    due.map((c) => c.id),
    'invoice',
    session.periodStart,
    session.periodEnd,
  );
  const read = new Map(
    (await s.documents.getDocuments(tenantId, [...overlapping.values()].flat())).map((d) => [d.id, d]),
  );
  const invoices = new Map<string, DocumentRecord>();
  const withInvoice: Customer[] = [];
  for (const customer of due) {
    const candidates: DocumentRecord[] = [];
    for (const id of overlapping.get(customer.id) ?? []) {
      const doc = read.get(id);
      // An advance invoice (converted from a proforma) is not the period's invoice.
      if (
        doc &&
        doc.periodStart === session.periodStart &&
        doc.periodEnd === session.periodEnd &&
        !doc.convertedFromDocumentId
      )
        candidates.push(doc);
    }
    const issued = candidates.find((d) => d.status === 'issued');
    if (issued) {
      invoices.set(customer.id, issued);
      withInvoice.push(customer);
    } else if (candidates.length) {
      errors.push({
        customerId: customer.id,
        code: 'INVOICE_NOT_ISSUED',
        message: `invoice ${candidates[0]!.id} of the period is a draft; a ${session.documentType} restates an issued invoice`,
        details: { invoiceId: candidates[0]!.id },
      });
    } else skipped += 1;
  }
  const headers = await headersOf(
    s,
    tenantId,
    { ...session, sessionId: session.id },
    withInvoice,
    (customerId, error) => errors.push(errorOf(customerId, error)),
    invoices,
  );
  const docs = await s.documents.insertDocuments(headers);
  await restateInvoices(s, tenantId, docs);
  await s.generationSessions.addErrors(tenantId, session.id, errors);
  return { documentIds: docs.map((d) => d.id), errors, skipped };
}

export function errorOf(customerId: string, error: AppError): SessionError {
  return { customerId, code: error.code, message: error.detail, details: { ...error.extra } };
}

/**
 * The headers of the due customers: the scheme each one's documents are made with (most specific
 * level wins, resolved from levels read in bulk), its sender and sequence, as creation makes them.
 */
export async function headersOf(
  s: Session,
  tenantId: string,
  session: Pick<GenerationSessionRecord, 'documentType' | 'periodStart' | 'periodEnd'> & { sessionId: string | null },
  customers: readonly Customer[],
  refuse: (customerId: string, error: AppError) => void,
  /** Acts and VAT invoices: the issued invoice each customer's document restates. */
  invoices: ReadonlyMap<string, DocumentRecord> = new Map(),
): Promise<NewDocument[]> {
  const tenant = (await s.tenancy.getTenant(tenantId))!;
  const fallback = await s.schemes.getDefault(tenantId);
  const contractLevels = await s.generationSessions.contractSchemesOf(
    tenantId,
    customers.map((c) => c.id),
  );
  const schemes = new Map<string, InvoicingScheme | null>();
  const senders = new Map<string, LegalEntity | AppError>();
  const policy = policyFor(session.documentType);
  const headers: NewDocument[] = [];
  for (const customer of customers) {
    const levels = contractLevels.get(customer.id);
    const resolved = resolveScheme({
      customer: customer.invoicingSchemeId,
      tenant_default: fallback?.id ?? null,
      customer_contract: levels?.contractScheme ?? null,
      basic_contract: levels?.basicContractScheme ?? null,
    });
    let scheme: InvoicingScheme | null = null;
    if (resolved) {
      if (!schemes.has(resolved.schemeId))
        schemes.set(resolved.schemeId, await s.schemes.get(tenantId, resolved.schemeId));
      scheme = schemes.get(resolved.schemeId)!;
    }
    const senderKey = scheme?.legalEntityId ?? '';
    if (!senders.has(senderKey)) {
      try {
        senders.set(senderKey, await resolveSender(s, tenantId, scheme?.legalEntityId ?? undefined));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        senders.set(senderKey, error);
      }
    }
    const sender = senders.get(senderKey)!;
    if (sender instanceof AppError) {
      refuse(customer.id, sender);
      continue;
    }
    headers.push(
      assembleHeader({
        tenant,
        customer,
        scheme,
        sender,
        invoice: invoices.get(customer.id) ?? null,
        input: {
          type: session.documentType,
          customerId: customer.id,
          periodStart: session.periodStart,
          periodEnd: session.periodEnd,
        },
        numberSequenceId: schemeSequenceId(scheme, policy.sequenceKind),
        templateId: scheme?.templateIds[session.documentType as keyof typeof scheme.templateIds],
        sessionId: session.sessionId,
      }),
    );
  }
  return headers;
}
