import { AppError } from '../app/errors.ts';

/** Prints a failure the way an operator can act on it, and sets a non-zero exit code. */
export function reportCliError(error: unknown): void {
  if (error instanceof AppError) {
    process.stderr.write(`error ${error.code}: ${error.detail}\n`);
    for (const e of error.errors) process.stderr.write(`  ${e.field}: ${e.code} ${e.message}\n`);
  } else if (
    error &&
    typeof error === 'object' &&
    'code' in error &&
    (error as { code: unknown }).code === 'DATA_DIR_LOCKED'
  ) {
    process.stderr.write(`error DATA_DIR_LOCKED: ${(error as unknown as Error).message}\n`);
  } else {
    process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exitCode = 1;
}

/** One line of progress on stderr, so that stdout stays clean for --json output. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}
