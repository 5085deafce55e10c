import { checkSync } from 'recheck';
import { MAX_REGEX_INPUT } from '../../core/usage/classification.ts';

// Classification rules may be regular expressions, run on every row of every import. JavaScript's
// engine backtracks, so an expression such as ^(\d+)+$ can take years on a short row. recheck
// analyses the expression (automata, then fuzzing) and tells how matching time grows with the
// input. Rules only ever run on values of at most MAX_REGEX_INPUT characters, so quadratic growth
// stays bounded (about 65,000 steps); exponential and cubic or worse are refused at save time.

const MAX_DEGREE = 2;
const verdicts = new Map<string, string | null>();

/** null when the expression is safe to run on every row; otherwise the reason it is refused. */
export function regexVerdict(pattern: string): string | null {
  const known = verdicts.get(pattern);
  if (known !== undefined) return known;
  const verdict = analyse(pattern);
  if (verdicts.size > 1_000) verdicts.clear();
  verdicts.set(pattern, verdict);
  return verdict;
}

function analyse(pattern: string): string | null {
  const result = checkSync(pattern, '', { timeout: 5_000 });
  if (result.status === 'safe') return null;
  if (result.status === 'unknown') {
    const why = 'message' in result.error ? result.error.message : result.error.kind;
    return `its matching time could not be proven safe (${why}); simplify it or use an exact or prefix rule`;
  }
  const { complexity, attack } = result;
  if (complexity.type === 'polynomial' && complexity.degree <= MAX_DEGREE) return null;
  const growth = complexity.type === 'exponential' ? 'exponential' : `polynomial of degree ${complexity.degree}`;
  const sample = attack.pattern.length > 80 ? `${attack.pattern.slice(0, 77)}...` : attack.pattern;
  return `catastrophic backtracking: matching time is ${growth} in the input length (e.g. ${sample}); values are up to ${MAX_REGEX_INPUT} characters`;
}
