import { Temporal } from 'temporal-polyfill';
import { openRuntime, type GlobalOptions } from './runtime.ts';
import { progress } from './output.ts';
import { createTenant } from '../app/tenancy/create-tenant.ts';
import { loadDemo } from '../app/demo/load-demo.ts';
import { serveCommand } from './serve.ts';
import { unreadable } from '../app/errors.ts';

export async function migrateCommand(opts: GlobalOptions) {
  const runtime = await openRuntime(opts);
  await runtime.close();
  progress(`migrations applied (${runtime.database.kind})`);
}

export async function tenantCreateCommand(
  opts: GlobalOptions & { name: string; timezone: string; currency: string; locale: string; json?: boolean },
) {
  const runtime = await openRuntime(opts);
  try {
    const { tenant, apiKey } = await createTenant(runtime.deps, {
      name: opts.name,
      timezone: opts.timezone,
      currency: opts.currency.toUpperCase(),
      locale: opts.locale,
    });
    if (opts.json) process.stdout.write(`${JSON.stringify({ tenantId: tenant.id, apiKey })}\n`);
    else process.stdout.write(`tenant ${tenant.id} created\nadmin API key (shown once): ${apiKey}\n`);
  } finally {
    await runtime.close();
  }
}

export async function demoCommand(
  opts: GlobalOptions & { serve?: boolean; port: string; host: string; json?: boolean },
) {
  const runtime = await openRuntime(opts);
  let result;
  try {
    result = await loadDemo(runtime.deps, (step) => progress(`demo: ${step}`), runtime.demoSteps);
  } finally {
    await runtime.close();
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(`Demo operator loaded: tenant ${result.tenantId}, ${result.customers} customers\n`);
    process.stdout.write(`Admin API key (shown once): ${result.apiKey}\n`);
    process.stdout.write(`Web app sign-in (admin): ${result.staffLogin.email} / ${result.staffLogin.password}\n`);
    process.stdout.write(`Portal sign-in (customer): ${result.portalLogin.email} / ${result.portalLogin.password}\n`);
    process.stdout.write(
      `Portal API token of the same customer (shown once; proformas are hidden from customers, GET /api/v1/settings/portal): ${result.portalToken}\n`,
    );
  }
  if (opts.serve) await serveCommand({ ...opts, role: 'all', apiKey: result.apiKey });
}

export async function runDueCommand(opts: GlobalOptions & { asOf?: string; json?: boolean }) {
  let asOf: Temporal.Instant;
  try {
    asOf = opts.asOf ? Temporal.Instant.from(opts.asOf) : Temporal.Now.instant();
  } catch {
    throw unreadable(
      'INVALID_TIMESTAMP',
      `--as-of ${opts.asOf} is not an ISO 8601 instant such as 2024-03-01T00:00:00Z`,
    );
  }
  const runtime = await openRuntime(opts);
  try {
    progress(`running due work as of ${asOf.toString()}`);
    const result = await runtime.runDue(asOf);
    if (opts.json) process.stdout.write(`${JSON.stringify({ asOf: asOf.toString(), ...result })}\n`);
    else {
      if (!result.tasks.length) process.stdout.write('no scheduled tasks are registered\n');
      for (const t of result.tasks) process.stdout.write(`${t.name}: ${JSON.stringify(t.result)}\n`);
      process.stdout.write(`${result.jobsRun} queued jobs run\n`);
    }
  } finally {
    await runtime.close();
  }
}
