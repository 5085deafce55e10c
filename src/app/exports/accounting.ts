import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentOut } from '../documents/present.ts';
import { presentDocument } from '../documents/present.ts';
import { invalid, refusedField } from '../errors.ts';

export const ACCOUNTING_FORMATS = ['commerceml', 'csv'] as const;
export type AccountingFormat = (typeof ACCOUNTING_FORMATS)[number];

/** A payment as accounting sees it; filled once payments exist (see docs/outputs.md). */
export interface AccountingPayment {
  id: string;
  customerId: string;
  customerName: string;
  amount: string;
  currency: string;
  receivedAt: string;
  externalId: string | null;
}

/** What one accounting export carries: the documents issued in the period, and its payments. */
export interface AccountingBatch {
  tenantName: string;
  from: string;
  to: string;
  documents: DocumentOut[];
  payments: AccountingPayment[];
}

/** Where payments come from, once the payments module lands; until then an export has none. */
export type PaymentsOfPeriod = (ctx: CallContext, from: string, to: string) => Promise<AccountingPayment[]>;

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/**
 * The documents issued in [from, to] (issue dates, inclusive; cancelled ones included with their
 * status, so that accounting can reverse them) with their lines, and the period's payments. An
 * unsupported format is refused before anything is read.
 */
export async function accountingBatch(
  deps: Deps,
  ctx: CallContext,
  query: { from: string; to: string; format: string },
  payments: PaymentsOfPeriod = async () => [],
): Promise<{ format: AccountingFormat; batch: AccountingBatch }> {
  if (!(ACCOUNTING_FORMATS as readonly string[]).includes(query.format))
    throw refusedField(
      'UNSUPPORTED_FORMAT',
      'format',
      `accounting format ${query.format} is not supported; use ${ACCOUNTING_FORMATS.join(' or ')}`,
      `one of ${ACCOUNTING_FORMATS.join(', ')}`,
    );
  const errors = [
    ...(isDate(query.from) ? [] : [{ field: 'from', code: 'INVALID_DATE', message: 'a date YYYY-MM-DD' }]),
    ...(isDate(query.to) ? [] : [{ field: 'to', code: 'INVALID_DATE', message: 'a date YYYY-MM-DD' }]),
  ];
  if (errors.length === 0 && query.from > query.to)
    errors.push({ field: 'to', code: 'INVALID_PERIOD', message: 'must be on or after from' });
  if (errors.length > 0) throw invalid(errors);
  const documents: DocumentOut[] = [];
  const tenantName = await deps.uow.run(async (s) => {
    let after: string | undefined;
    do {
      const page = await s.documents.listDocuments(
        ctx.tenantId,
        { issueDateFrom: query.from, issueDateTo: query.to },
        { limit: 500, after },
      );
      for (const d of page.data) {
        if (d.status === 'draft') continue;
        documents.push(presentDocument(d, await s.documentLines.lines(ctx.tenantId, d.id)));
      }
      after = page.next ?? undefined;
    } while (after);
    return (await s.tenancy.getTenant(ctx.tenantId))?.name ?? '';
  });
  return {
    format: query.format as AccountingFormat,
    batch: {
      tenantName,
      from: query.from,
      to: query.to,
      documents,
      payments: await payments(ctx, query.from, query.to),
    },
  };
}
