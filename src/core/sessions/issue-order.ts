/** What bulk issuing needs to know to order a document. */
export interface IssueCandidate {
  id: string;
  customerName: string;
  accountCode: string | null;
  periodStart: string;
}

export type IssueOrderKey = 'customer_name' | 'account_code';

/**
 * The order in which a bulk issue numbers documents, so that consecutive numbers follow the
 * customer list an accountant reads: by customer name (ignoring case and accents) or by account
 * code in natural order (customers without one last), then by the other key,
 * by period and by id. Stable and total:
 * the same selection always gets the same numbers in the same order, whatever order it came in.
 */
export function issueOrder(documents: IssueCandidate[], key: IssueOrderKey = 'customer_name'): IssueCandidate[] {
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  const compareText = (a: string, b: string) => collator.compare(a, b);
  const byAccount = (a: IssueCandidate, b: IssueCandidate) =>
    a.accountCode === b.accountCode
      ? 0
      : a.accountCode === null
        ? 1
        : b.accountCode === null
          ? -1
          : compareText(a.accountCode, b.accountCode);
  const byName = (a: IssueCandidate, b: IssueCandidate) => compareText(a.customerName, b.customerName);
  const [first, second] = key === 'customer_name' ? [byName, byAccount] : [byAccount, byName];
  return [...documents].sort(
    (a, b) =>
      first(a, b) ||
      second(a, b) ||
      (a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
