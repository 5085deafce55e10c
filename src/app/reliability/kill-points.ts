/**
 * Named crash points. The reliability harness starts the real process with
 * `TOLLBOOK_KILL_AT=<name>:<n>[,<name>:<n>…]`; the n-th time the process passes `<name>` it kills
 * itself with SIGKILL, exactly as a power cut or the OOM killer would: no handler, no flush, open
 * transactions rolled back by the database. Unset (always, outside the harness) a point costs one
 * lookup in an empty map.
 *
 * A capability that adds a crash-sensitive step adds its point here (name and what is at stake)
 * and a scenario in test/reliability that kills the process there and checks it recovers.
 */
export const KILL_POINTS = {
  'usage-import.batch-written': 'a batch of an import is written but its transaction has not committed',
  'usage-import.batch-committed': 'a batch of an import has committed; the next one has not started',
  'document.generate.computed': 'a draft is computed and committed; its PDF is not rendered yet',
  'document.render.rendered': 'Chromium produced the PDF; it is not stored yet',
  'document.render.stored': 'the PDF is stored; the job is not marked complete yet',
  'document.issue.numbered': 'an issue took its number inside the transaction, before commit',
  'http.keyed.before-commit': 'a keyed request ran its effect; effect and response are not committed',
  'http.keyed.after-commit': 'a keyed request committed; the client has not received the answer',
  'payment.allocate.appended': 'allocations of a payment are appended and documents updated; not committed yet',
  'payment-import.row-stored':
    'a bank statement row is stored as a payment (with the rest of its chunk); the import has not committed',
  'session.chunk.written': 'a session chunk wrote its documents, claims and counters; not committed yet',
  'session.chunk.committed': 'a session chunk committed; its job is not marked complete yet',
  'bill-run.chunk.written':
    'a bill run chunk billed its accounts, opened and closed (numbered) invoices and moved its counters; not committed yet',
  'bill-run.chunk.committed': 'a bill run chunk committed; its job is not marked complete yet',
  'bill-run.close.committed': 'the close after a bill run issued every open invoice of the group and committed',
  'webhook.deliver.answered': 'a webhook endpoint answered; the outcome of the attempt is not recorded yet',
  'email.claimed': 'a batch of emails is claimed (attempt counted) and committed; nothing is sent yet',
  'email.sent-not-recorded': 'the SMTP server accepted an email; its delivery is not recorded as sent yet',
  'operator-notice.sent-not-recorded':
    'the SMTP server accepted a notice to the staff (a bill run started or ended); it is not recorded as sent yet',
  'bulk-action.item-recorded':
    'a bulk action acted on one document (an issue took its number) and recorded the outcome; not committed yet',
  'bulk-action.item-committed': 'one document of a bulk action committed; the next one has not started',
  'jobs.handler-done': 'a job handler finished; the queue has not marked the job complete',
} as const;

export type KillPointName = keyof typeof KILL_POINTS;

function parsePlan(spec: string | undefined): Map<string, number> {
  const plan = new Map<string, number>();
  for (const part of (spec ?? '').split(',')) {
    const at = part.lastIndexOf(':');
    const name = at > 0 ? part.slice(0, at).trim() : part.trim();
    const n = at > 0 ? Number(part.slice(at + 1)) : 1;
    if (name && Number.isInteger(n) && n > 0) plan.set(name, n);
  }
  return plan;
}

const plan = parsePlan(process.env.TOLLBOOK_KILL_AT);
const passes = new Map<string, number>();

/** Marks a crash point; see the module comment. */
export function killPoint(name: KillPointName): void {
  if (plan.size === 0) return;
  const at = plan.get(name);
  if (at === undefined) return;
  const n = (passes.get(name) ?? 0) + 1;
  passes.set(name, n);
  if (n !== at) return;
  process.stderr.write(`tollbook: kill point ${name}:${n} reached, killing the process\n`);
  process.kill(process.pid, 'SIGKILL');
}
