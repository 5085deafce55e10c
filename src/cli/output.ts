import { AppError } from '../app/errors.ts';

/** A failure that carries a stable code of its own (the data-directory lock, for one). */
function codeOf(error: unknown): string | null {
  const code = error && typeof error === 'object' && 'code' in error ? (error as { code: unknown }).code : null;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code) ? code : null;
}

/**
 * Prints a failure the way an operator can act on it, and sets a non-zero exit code. An
 * unexpected failure is one line too; its stack is printed only with LOG_LEVEL=debug.
 */
export function reportCliError(error: unknown): void {
  if (error instanceof AppError) {
    process.stderr.write(`error ${error.code}: ${error.detail}\n`);
    for (const e of error.errors) process.stderr.write(`  ${e.field}: ${e.code} ${e.message}\n`);
  } else if (codeOf(error) && error instanceof Error) {
    process.stderr.write(`error ${codeOf(error)}: ${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error INTERNAL: ${message.split('\n')[0]}\n`);
    if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') {
      process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    } else process.stderr.write('  (run again with LOG_LEVEL=debug for details)\n');
  }
  process.exitCode = 1;
}

/** One line of progress on stderr, so that stdout stays clean for --json output. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}
