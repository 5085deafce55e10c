import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Expected } from './workloads.ts';

export interface InvariantReport {
  checks: number;
  failures: string[];
}

/** Runs the queries of the checks on the harness's PostgreSQL database. */
export class Invariants {
  readonly report: InvariantReport = { checks: 0, failures: [] };

  constructor(
    private readonly client: pg.Client,
    private readonly tenantId: string,
  ) {}

  private check(ok: boolean, failure: string) {
    this.report.checks += 1;
    if (!ok) this.report.failures.push(failure);
  }

  private async rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await this.client.query(text, values)).rows as T[];
  }

  /** Waits until no job is waiting, retrying or running and every import has ended. */
  async quiesce(timeoutMs = 240_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const [jobs] = await this.rows<{ n: number }>(
        `select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active')`,
      );
      const [imports] = await this.rows<{ n: number }>(
        `select count(*)::int as n from usage_imports where tenant_id = $1 and status in ('queued', 'running')`,
        [this.tenantId],
      );
      const [renders] = await this.rows<{ n: number }>(
        `select count(*)::int as n from documents where tenant_id = $1 and render_status in ('waiting', 'processing')`,
        [this.tenantId],
      );
      if (jobs!.n === 0 && imports!.n === 0 && renders!.n === 0) return;
      await sleep(250);
    }
    throw new Error('the system did not settle: jobs, imports or renders are still pending');
  }

  async usage(expected: Expected): Promise<void> {
    for (const [prefix, rows] of expected.usage) {
      const [r] = await this.rows<{ n: number; distinct_ids: number }>(
        `select count(*)::int as n, count(distinct external_id)::int as distinct_ids
           from usage_records where tenant_id = $1 and external_id like $2`,
        [this.tenantId, `${prefix}${prefix.endsWith('.') ? '' : '-'}%`],
      );
      this.check(r!.n === rows && r!.distinct_ids === rows, `usage ${prefix}: ${r!.n} records stored, ${rows} sent`);
    }
    for (const id of [...expected.importIds, ...expected.cliImportIds]) {
      const [imp] = await this.rows<{ status: string; accepted: number; duplicates: number; processed_rows: number }>(
        `select status, accepted, duplicates, processed_rows from usage_imports where tenant_id = $1 and id = $2`,
        [this.tenantId, id],
      );
      this.check(imp?.status === 'completed', `import ${id} ended ${imp?.status}`);
      this.check(
        imp?.duplicates === 0 && imp?.accepted === imp?.processed_rows,
        `import ${id} counted ${imp?.accepted} accepted and ${imp?.duplicates} duplicates of ${imp?.processed_rows} rows`,
      );
    }
  }

  async documents(expected: Expected): Promise<void> {
    const docs = await this.rows<{
      id: string;
      customer_id: string;
      status: string;
      number: string | null;
      render_status: string;
      revision: number;
      pdf_revision: number | null;
    }>(
      `select d.id, d.customer_id, d.status, d.number, d.render_status, d.revision, f.revision as pdf_revision
         from documents d left join document_files f on f.document_id = d.id and f.kind = 'pdf'
        where d.tenant_id = $1`,
      [this.tenantId],
    );
    this.check(
      docs.length === expected.documents.size,
      `${docs.length} documents exist, ${expected.documents.size} created`,
    );
    const perCustomer = new Map<string, number>();
    for (const d of docs) perCustomer.set(d.customer_id, (perCustomer.get(d.customer_id) ?? 0) + 1);
    this.check(
      [...perCustomer.values()].every((n) => n === 1),
      'a customer has two documents: one was duplicated',
    );
    for (const d of docs) {
      const wanted = expected.documents.get(d.id);
      this.check(wanted !== undefined, `document ${d.id} was never asked for`);
      if (wanted?.issuedNumber) {
        this.check(
          d.status === 'issued' && d.number === wanted.issuedNumber,
          `document ${d.id} is ${d.status} ${d.number}, answered ${wanted.issuedNumber}`,
        );
      }
      this.check(
        d.render_status === 'created' && d.pdf_revision === d.revision,
        `document ${d.id} (${d.status}) ends render ${d.render_status}, PDF of revision ${d.pdf_revision} for ${d.revision}`,
      );
    }
    const numbers = docs
      .filter((d) => d.status === 'issued')
      .map((d) => d.number!)
      .sort();
    const gapless = numbers.every((n, i) => Number(n.replace(/\D/g, '')) === i + 1);
    this.check(
      new Set(numbers).size === numbers.length && gapless,
      `numbers are not gapless and unique: ${numbers.join(' ')}`,
    );
  }

  async jobs(): Promise<void> {
    const states = await this.rows<{ name: string; state: string; n: number }>(
      `select name, state, count(*)::int as n from pgboss.job group by name, state`,
    );
    const open = states.filter((s) => !['completed', 'failed', 'cancelled'].includes(s.state));
    this.check(open.length === 0, `jobs not in a final state: ${JSON.stringify(open)}`);
  }
}
