import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unreadable } from '../../errors.ts';
import { receivedInstant, type ParsedRow, type ParsedStatement } from './bank-row.ts';

// ISO 20022 camt.053 (BankToCustomerStatement): Document/BkToCstmrStmt/Stmt/Ntry, each booked
// entry with its transaction details (NtryDtls/TxDtls: references, debtor, remittance). Only
// incoming (CRDT) booked (BOOK) money becomes a payment; debits and pending entries are counted
// as skipped. The parser never expands entities, and a file that declares a DOCTYPE or an entity
// is refused whole before it is parsed: that is how external-entity (XXE) and entity-expansion
// ("billion laughs") payloads arrive, and a bank statement has no use for either.

const DECLARATIONS = /<!DOCTYPE|<!ENTITY/i;

const parser = new XMLParser({
  processEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd'].includes(name),
});

type Node = Record<string, unknown>;

const at = (node: unknown, ...path: string[]): unknown => {
  let cur = node;
  for (const key of path) {
    if (Array.isArray(cur)) cur = cur[0];
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Node)[key];
  }
  return Array.isArray(cur) ? cur[0] : cur;
};
const textOf = (node: unknown, ...path: string[]): string | null => {
  const v = at(node, ...path);
  if (typeof v === 'string') return v || null;
  if (v && typeof v === 'object' && typeof (v as Node)['#text'] === 'string') return (v as Node)['#text'] as string;
  return null;
};
const list = (node: unknown, key: string): Node[] => {
  const v = node && typeof node === 'object' ? (node as Node)[key] : undefined;
  return Array.isArray(v) ? (v as Node[]) : [];
};

/** The amount and currency of an <Amt Ccy="EUR">12.30</Amt> element. */
function amountOf(node: unknown): { amount: string; currency: string } | null {
  const amt = at(node, 'Amt') ?? at(node, 'AmtDtls', 'TxAmt', 'Amt');
  if (!amt || typeof amt !== 'object') return null;
  const amount = (amt as Node)['#text'];
  const currency = (amt as Node)['@Ccy'];
  return typeof amount === 'string' && typeof currency === 'string' ? { amount, currency } : null;
}

/** The remittance text: unstructured lines and any structured creditor reference. */
function remittanceOf(tx: unknown): string | null {
  const info = at(tx, 'RmtInf');
  const parts = [
    ...list(info, 'Ustrd').map((u) => (typeof u === 'string' ? u : '')),
    ...list(info, 'Strd').map((s) => textOf(s, 'CdtrRefInf', 'Ref') ?? ''),
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

/** Refuses a statement that declares a DOCTYPE or entities, or is not well-formed XML; nothing is stored. */
function assertSafeXml(text: string): void {
  if (DECLARATIONS.test(text))
    throw unreadable(
      'XML_ENTITIES_REFUSED',
      'the statement declares a DOCTYPE or entities; they are never processed, so the file is refused whole',
      [
        {
          field: 'body',
          code: 'XML_ENTITIES_REFUSED',
          message: 'remove the <!DOCTYPE …> and <!ENTITY …> declarations',
        },
      ],
    );
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw unreadable('INVALID_XML', `the statement is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`, [
      { field: 'body', code: 'INVALID_XML', message: valid.err.msg },
    ]);
}

export function parseCamt053(text: string, options: { timezone: string }): ParsedStatement {
  assertSafeXml(text);
  const doc = parser.parse(text) as Node;
  const statements = list(at(doc, 'Document', 'BkToCstmrStmt'), 'Stmt');
  if (!statements.length)
    throw unreadable('NOT_CAMT053', 'the XML holds no Document/BkToCstmrStmt/Stmt: it is not a camt.053 statement', [
      { field: 'body', code: 'NOT_CAMT053', message: 'expected an ISO 20022 camt.053 BankToCustomerStatement' },
    ]);
  const rows: ParsedRow[] = [];
  let skipped = 0;
  let position = 0;
  const account = textOf(statements[0], 'Acct', 'Id', 'IBAN') ?? textOf(statements[0], 'Acct', 'Id', 'Othr', 'Id');
  for (const stmt of statements) {
    for (const entry of list(stmt, 'Ntry')) {
      const status = textOf(entry, 'Sts', 'Cd') ?? textOf(entry, 'Sts');
      const details = list(entry, 'NtryDtls').flatMap((d) => list(d, 'TxDtls'));
      // An entry without details is one transaction; a batch entry carries one TxDtls per payment.
      const transactions: unknown[] = details.length ? details : [entry];
      for (const [i, tx] of transactions.entries()) {
        const row = ++position;
        const direction = textOf(tx, 'CdtDbtInd') ?? textOf(entry, 'CdtDbtInd');
        if (direction !== 'CRDT' || (status !== null && status !== 'BOOK')) {
          skipped += 1;
          continue;
        }
        const money = (details.length ? amountOf(tx) : null) ?? amountOf(entry);
        if (!money) {
          rows.push({
            problem: { row, code: 'INVALID_AMOUNT', field: 'Amt', detail: 'the entry has no Amt with a Ccy' },
          });
          continue;
        }
        const entryRef = textOf(entry, 'AcctSvcrRef') ?? textOf(entry, 'NtryRef');
        const externalId =
          textOf(tx, 'Refs', 'AcctSvcrRef') ??
          textOf(tx, 'Refs', 'TxId') ??
          (entryRef && transactions.length > 1 ? `${entryRef}/${i + 1}` : entryRef) ??
          textOf(tx, 'Refs', 'EndToEndId');
        if (!externalId) {
          rows.push({
            problem: {
              row,
              code: 'MISSING_REFERENCE',
              field: 'AcctSvcrRef',
              detail: 'the entry carries no bank reference',
            },
          });
          continue;
        }
        const date = textOf(entry, 'BookgDt', 'Dt') ?? textOf(entry, 'BookgDt', 'DtTm') ?? textOf(entry, 'ValDt', 'Dt');
        const receivedAt = date ? receivedInstant(date, options.timezone) : null;
        if (!receivedAt) {
          rows.push({
            problem: { row, code: 'INVALID_DATE', field: 'BookgDt', detail: `"${date ?? ''}" is not a booking date` },
          });
          continue;
        }
        const debtor = at(tx, 'RltdPties');
        rows.push({
          ok: {
            row,
            externalId,
            amount: money.amount,
            currency: money.currency.toUpperCase(),
            receivedAt,
            payer: textOf(debtor, 'Dbtr', 'Nm') ?? textOf(debtor, 'Dbtr', 'Pty', 'Nm'),
            reference: remittanceOf(tx),
            customerId: null,
            accountCode: null,
            iban: textOf(debtor, 'DbtrAcct', 'Id', 'IBAN')?.replace(/\s/g, '').toUpperCase() ?? null,
          },
        });
      }
    }
  }
  return { rows, skipped, account };
}
