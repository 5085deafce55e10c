// Prints "N passed, N failed" from vitest JSON reports; a run that crashed or loaded no file counts as failed.
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const status = Number(args.at(-1));
const reports = args.slice(0, -1);
let passed = 0;
let failed = 0;
for (const file of reports) {
  if (!existsSync(file)) {
    console.error(`failed: no report ${file}`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  const brokenFiles = r.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed'),
  ).length;
  failed += brokenFiles;
  // Name every failure on stderr so that the tail of a CI log says what failed, not only how many.
  for (const f of r.testResults) {
    const where = f.name.replace(process.cwd() + '/', '');
    const failures = f.assertionResults.filter((a) => a.status === 'failed');
    for (const a of failures) {
      console.error(`failed: ${where} > ${a.fullName}`);
      // The first lines of the reason, so that a failure seen once (a flaky one) can still be read.
      const reason = (a.failureMessages ?? []).join('\n').split('\n').slice(0, 6);
      for (const line of reason) console.error(`  | ${line.slice(0, 300)}`);
    }
    if (f.status === 'failed' && failures.length === 0) {
      console.error(`failed: ${where} (file did not run: ${String(f.message ?? '').split('\n')[0]})`);
    }
  }
  if (r.numTotalTests === 0) failed += 1;
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
