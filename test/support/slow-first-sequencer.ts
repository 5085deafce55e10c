import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each of the longest files took on the PGlite pass on a quiet two-core machine. Two
 * workers take files in order; a long file picked up last keeps one worker busy while the other
 * sits idle, so these start first, longest first (a fresh clone has no timings of its own).
 * Rough figures are enough: only their order matters.
 */
export const knownDurations: Record<string, number> = {
  'test/e2e/web-app.test.ts': 228,
  'test/e2e/web-usage-reports.test.ts': 150,
  'test/usage/cli-import.test.ts': 136,
  'test/e2e/web-catalog.test.ts': 130,
  'test/platform/cli-and-embedded.test.ts': 126,
  'test/reliability/payment-import.test.ts': 114,
  'test/platform/process-lifecycle.test.ts': 100,
  'test/reliability/email-delivery.test.ts': 97,
  'test/platform/fuzz-routes.test.ts': 91,
  'test/reliability/session-recovery.test.ts': 80,
  'test/reliability/kill-points.test.ts': 75,
};

/** The files of `knownDurations` first, longest first; the rest in vitest's own order. */
export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const seconds = (spec: TestSpecification) =>
      knownDurations[relative(spec.project.config.root, spec.moduleId).split('\\').join('/')] ?? 0;
    return ordered
      .map((spec, index) => ({ spec, index, seconds: seconds(spec) }))
      .sort((a, b) => b.seconds - a.seconds || a.index - b.index)
      .map(({ spec }) => spec);
  }
}
