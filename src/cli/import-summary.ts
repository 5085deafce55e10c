import type { RejectionSummary, UsageImport } from '../app/ports/usage.ts';
import { AppError, refused } from '../app/errors.ts';

export interface ImportSummary {
  importId: string;
  status: UsageImport['status'];
  totalRows: number;
  processedRows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  skipped: number;
  classes: {
    outboundExternal: number;
    outboundInternal: number;
    inbound: number;
    ignored: number;
    skippedUnanswered: number;
  };
  ignoredReasons: Record<string, number>;
  error: string | null;
  seconds: number;
  rejectionsByCode: RejectionSummary[];
  rejections: Array<{ line: number | null; code: string; detail: string }>;
}

/** The human summary: one line of counts, then one line per rejection code (not per row). */
export function printSummary(s: ImportSummary): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `import ${s.importId} ${s.status}: ${s.processedRows} rows in ${s.seconds} s — ${s.accepted} accepted, ${s.duplicates} duplicates, ${s.rejected} rejected, ${s.skipped} skipped`,
  );
  const c = s.classes;
  out(
    `classes: ${c.outboundExternal} outbound external, ${c.outboundInternal} outbound internal, ${c.inbound} inbound, ${c.ignored} ignored, ${c.skippedUnanswered} skipped unanswered`,
  );
  for (const [reason, n] of Object.entries(s.ignoredReasons)) out(`  ignored ${n}: ${reason}`);
  if (s.error) out(`error: ${s.error}`);
  if (!s.rejectionsByCode.length) return;
  out('rejected rows by code:');
  const width = Math.max(...s.rejectionsByCode.map((r) => r.code.length));
  for (const r of s.rejectionsByCode) {
    const more = r.count > r.firstLines.length ? ', …' : '';
    const lines = r.firstLines.length
      ? `  line${r.firstLines.length > 1 ? 's' : ''} ${r.firstLines.join(', ')}${more}`
      : '';
    out(`  ${r.code.padEnd(width)}  ${String(r.count).padStart(6)}${lines}  (e.g. ${r.example})`);
  }
  out(`  every rejected row: GET /api/v1/usage-imports/${s.importId}/rejections`);
}

/**
 * Why the command must exit non-zero although the file was read: nothing was accepted though
 * rows were rejected, or more rows were rejected than the operator allows (--max-rejected).
 */
export function outcomeError(s: ImportSummary, maxRejected: number | undefined): AppError | null {
  if (maxRejected !== undefined && s.rejected > maxRejected)
    return refused(
      'TOO_MANY_REJECTED',
      `${s.rejected} rows were rejected, more than --max-rejected ${maxRejected}` +
        (s.status === 'completed' ? '' : '; the import stopped there and can be resumed with --resume'),
    );
  if (s.rejected > 0 && s.accepted === 0 && s.duplicates === 0)
    return refused('NOTHING_ACCEPTED', `no row was accepted: all ${s.rejected} were rejected`);
  return null;
}
