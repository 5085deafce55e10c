// The cost of call classification inside ingestion: the same file imported twice in one run, into
// a source without rules (the default: callee length) and into a source with 20 rules, with a
// mapping that leaves out the file's direction column so that every row is classified. The rules
// are what a PBX operator writes (exact, prefix and regular-expression matches on the account
// code, caller and callee); 18 of them never match, so most rows are tested against all 20.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { Runtime } from '../src/main.ts';
import type { CallContext } from '../src/app/context.ts';
import { createFileImport } from '../src/app/usage/file-import.ts';
import { processUsageImport } from '../src/app/usage/process-usage-import.ts';
import { putSourceSettings } from '../src/app/usage/source-settings.ts';

export const TWENTY_RULES = [
  ...Array.from({ length: 6 }, (_, i) => ({
    field: 'accountCode',
    match: 'exact',
    pattern: `PBX${i}`,
    direction: 'inbound',
    external: true,
  })),
  ...Array.from({ length: 6 }, (_, i) => ({
    field: 'callee',
    match: 'prefix',
    pattern: `00${i}9`,
    ignore: true,
    reason: 'test prefix',
  })),
  ...Array.from({ length: 6 }, (_, i) => ({
    field: 'caller',
    match: 'regex',
    pattern: `^\\+?99${i}[0-9]{4,8}$`,
    direction: 'outbound',
    external: false,
  })),
  // Two that match: one account's calls come in, and calls to +1 numbers stay outbound external.
  { field: 'accountCode', match: 'exact', pattern: 'ACC007', direction: 'inbound', external: true },
  { field: 'callee', match: 'regex', pattern: '^1[0-9]{10}$', direction: 'outbound', external: true },
];

const MAPPING = {
  externalId: 'externalId',
  accountCode: 'accountCode',
  startedAt: 'startedAt',
  durationSeconds: 'durationSeconds',
  caller: 'caller',
  callee: 'callee',
};

export interface ClassifyBench {
  rules: number;
  seconds: number;
  perSecond: number;
  classes: { outboundExternal: number; outboundInternal: number; inbound: number; ignored: number };
}

async function importAs(runtime: Runtime, ctx: CallContext, file: string, rows: number, source: string) {
  const t0 = performance.now();
  const imp = await createFileImport(
    runtime.deps,
    ctx,
    { format: 'csv', source, mapping: MAPPING },
    { name: file, size: statSync(file).size, totalRows: rows + 1, head: readFileSync(file).subarray(0, 65_536) },
  );
  const done = await processUsageImport(runtime.deps, ctx, imp, createReadStream(file, { highWaterMark: 1 << 20 }));
  const seconds = (performance.now() - t0) / 1000;
  if (done.accepted !== rows)
    throw new Error(`${source}: accepted ${done.accepted} of ${rows} (rejected ${done.rejected})`);
  const { outboundExternal, outboundInternal, inbound, ignored } = done;
  return { seconds, classes: { outboundExternal, outboundInternal, inbound, ignored } };
}

/** Imports the file without rules, then with 20 rules, into two sources of the same tenant. */
export async function classificationBench(
  runtime: Runtime,
  ctx: CallContext,
  file: string,
  rows: number,
): Promise<ClassifyBench[]> {
  await putSourceSettings(runtime.deps, ctx, 'bench-rules', { format: 'csv', rules: TWENTY_RULES });
  const out: ClassifyBench[] = [];
  for (const [source, rules] of [
    ['bench-default', 0],
    ['bench-rules', TWENTY_RULES.length],
  ] as const) {
    const { seconds, classes } = await importAs(runtime, ctx, file, rows, source);
    out.push({ rules, seconds, perSecond: Math.round(rows / seconds), classes });
    process.stderr.write(`classification with ${rules} rules: ${rows} rows in ${seconds.toFixed(2)} s\n`);
  }
  return out;
}
