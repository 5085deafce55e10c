/** What a bill run notice says about the run; only plain values, so the text is pure. */
export interface RunNoticeFacts {
  runId: string;
  groupName: string;
  billDate: string;
  closeType: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  counts: {
    accountsTotal: number;
    accountsBilled: number;
    accountsFailed: number;
    accountsSkipped: number;
    invoicesOpened: number;
    invoicesClosed: number;
  };
  errors: ReadonlyArray<{ customerId: string; code: string; message: string }>;
}

/** Errors listed in the body; the rest are counted and left to the run's page. */
export const NOTICE_ERROR_LINES = 20;

/**
 * The email to staff when a bill run starts or ends. Plain text in English: it goes to the
 * operator's billing staff, who read the same words on the run's page.
 */
export function billRunNotice(event: 'started' | 'finished', f: RunNoticeFacts): { subject: string; body: string } {
  const head = `Bill run of ${f.groupName} for ${f.billDate}`;
  if (event === 'started')
    return {
      subject: `${head} started (${f.counts.accountsTotal} accounts)`,
      body: [
        `${head} started at ${f.startedAt}.`,
        `Accounts to bill: ${f.counts.accountsTotal}. Invoice close type: ${f.closeType}.`,
        `Run: ${f.runId}`,
      ].join('\n'),
    };
  const c = f.counts;
  const outcome = f.status === 'completed' ? 'completed' : 'completed with errors';
  const lines = [
    `${head} ${outcome} at ${f.finishedAt ?? 'an unknown time'}.`,
    '',
    `Accounts: ${c.accountsTotal} (billed ${c.accountsBilled}, nothing to bill ${c.accountsSkipped}, failed ${c.accountsFailed})`,
    `Invoices opened: ${c.invoicesOpened}; closed (issued): ${c.invoicesClosed}`,
    `Run: ${f.runId}`,
  ];
  if (f.errors.length > 0) {
    lines.push('', `Accounts that failed (${f.errors.length}):`);
    for (const e of f.errors.slice(0, NOTICE_ERROR_LINES)) lines.push(`- ${e.customerId}: ${e.code} — ${e.message}`);
    if (f.errors.length > NOTICE_ERROR_LINES)
      lines.push(`… and ${f.errors.length - NOTICE_ERROR_LINES} more on the run's page.`);
  }
  return {
    subject: `${head} ${outcome}: ${c.invoicesClosed} invoices closed, ${c.accountsFailed} failed`,
    body: lines.join('\n'),
  };
}
