import {
  CLASSIFICATION_FIELDS,
  CLASSIFY_FORMATS,
  DEFAULT_INTERNAL_MAX_DIGITS,
  MATCH_KINDS,
  MAX_PATTERN_LENGTH,
  MAX_RULES,
  type ClassifyFormat,
  type ClassifyRule,
  type ClassifySettings,
  type MatchKind,
} from './classification.ts';

// Checks a source's classification settings as an operator sends them. Every problem is reported
// at once, per rule and field, so a rule sheet is fixed in one round. A regular expression is
// compiled here (syntax) and handed to `regexVerdict` (catastrophic backtracking), which the
// caller provides: the analysis is a library's job, not the domain's.

export interface RuleError {
  field: string;
  code: string;
  message: string;
}

/** null when the expression is safe; otherwise why it is not (e.g. "exponential backtracking"). */
export type RegexVerdict = (pattern: string) => string | null;

export type SettingsCheck = { ok: true; value: ClassifySettings } | { ok: false; errors: RuleError[] };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const RULE_KEYS = new Set(['field', 'match', 'pattern', 'direction', 'external', 'ignore', 'reason']);

export function checkClassifySettings(input: unknown, regexVerdict: RegexVerdict): SettingsCheck {
  const errors: RuleError[] = [];
  if (!isObject(input)) return { ok: false, errors: [{ field: 'body', code: 'INVALID_TYPE', message: 'an object' }] };
  const format = input.format ?? 'csv';
  if (!CLASSIFY_FORMATS.includes(format as ClassifyFormat)) {
    errors.push({ field: 'format', code: 'INVALID_FORMAT', message: `one of ${CLASSIFY_FORMATS.join(', ')}` });
  }
  const maxDigits = input.internalMaxDigits ?? DEFAULT_INTERNAL_MAX_DIGITS;
  if (typeof maxDigits !== 'number' || !Number.isInteger(maxDigits) || maxDigits < 0 || maxDigits > 32) {
    errors.push({ field: 'internalMaxDigits', code: 'OUT_OF_RANGE', message: 'a whole number from 0 to 32' });
  }
  const rulesIn = input.rules ?? [];
  const rules: ClassifyRule[] = [];
  if (!Array.isArray(rulesIn) || rulesIn.length > MAX_RULES) {
    errors.push({ field: 'rules', code: 'INVALID_RULES', message: `a list of at most ${MAX_RULES} rules` });
  } else {
    const fields = CLASSIFICATION_FIELDS[format as ClassifyFormat] ?? [];
    rulesIn.forEach((rule, i) => {
      const checked = checkRule(rule, `rules[${i}]`, fields, format as string, regexVerdict, errors);
      if (checked) rules.push(checked);
    });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { format: format as ClassifyFormat, internalMaxDigits: maxDigits as number, rules } };
}

function checkRule(
  rule: unknown,
  at: string,
  fields: readonly string[],
  format: string,
  regexVerdict: RegexVerdict,
  errors: RuleError[],
): ClassifyRule | null {
  const before = errors.length;
  const fail = (field: string, code: string, message: string) =>
    errors.push({ field: `${at}.${field}`, code, message });
  if (!isObject(rule)) {
    errors.push({ field: at, code: 'INVALID_TYPE', message: 'a rule is an object' });
    return null;
  }
  for (const key of Object.keys(rule)) if (!RULE_KEYS.has(key)) fail(key, 'UNKNOWN_FIELD', 'not a rule property');
  const { field, match, pattern } = rule;
  if (typeof field !== 'string' || !fields.includes(field)) {
    fail(
      'field',
      'RULE_FIELD_NOT_IN_FORMAT',
      `format ${format} has no field "${String(field)}"; one of ${fields.join(', ')}`,
    );
  }
  if (!MATCH_KINDS.includes(match as MatchKind)) fail('match', 'INVALID_MATCH', `one of ${MATCH_KINDS.join(', ')}`);
  if (typeof pattern !== 'string' || pattern.length === 0 || pattern.length > MAX_PATTERN_LENGTH) {
    fail('pattern', 'INVALID_PATTERN', `1 to ${MAX_PATTERN_LENGTH} characters`);
  } else if (match === 'regex') {
    const problem = regexProblem(pattern, regexVerdict);
    if (problem) fail('pattern', problem.code, problem.message);
  }
  const outcome = checkOutcome(rule, fail);
  if (errors.length > before || !outcome) return null;
  return { field: field as string, match: match as MatchKind, pattern: pattern as string, ...outcome } as ClassifyRule;
}

function regexProblem(pattern: string, regexVerdict: RegexVerdict): { code: string; message: string } | null {
  try {
    new RegExp(pattern);
  } catch (error) {
    return { code: 'INVALID_REGEX', message: error instanceof Error ? error.message : 'not a regular expression' };
  }
  const unsafe = regexVerdict(pattern);
  return unsafe ? { code: 'UNSAFE_REGEX', message: `refused: ${unsafe}` } : null;
}

type Outcome = { direction: 'outbound' | 'inbound'; external: boolean } | { ignore: true; reason: string };

/** A rule either classifies (direction and external, both) or ignores the row (with a reason). */
function checkOutcome(
  rule: Record<string, unknown>,
  fail: (field: string, code: string, message: string) => void,
): Outcome | null {
  if (rule.ignore !== undefined && rule.ignore !== false) {
    if (rule.ignore !== true) fail('ignore', 'INVALID_BOOLEAN', 'true or false');
    if (typeof rule.reason !== 'string' || !rule.reason.trim() || rule.reason.length > 200) {
      fail('reason', 'REQUIRED', 'an ignore rule says why, in 1 to 200 characters');
      return null;
    }
    if (rule.direction !== undefined || rule.external !== undefined) {
      fail('ignore', 'CONFLICTING_OUTCOME', 'a rule either ignores the row or sets direction and external');
    }
    return rule.ignore === true ? { ignore: true, reason: rule.reason.trim() } : null;
  }
  let ok = true;
  if (rule.direction !== 'outbound' && rule.direction !== 'inbound') {
    fail('direction', 'INVALID_DIRECTION', 'outbound or inbound (or set ignore with a reason)');
    ok = false;
  }
  if (typeof rule.external !== 'boolean') {
    fail('external', 'INVALID_BOOLEAN', 'true or false');
    ok = false;
  }
  return ok ? { direction: rule.direction as 'outbound' | 'inbound', external: rule.external as boolean } : null;
}

/** The rule fields an import's format (or a CSV's mapped fields) does not carry. */
export function fieldsMissingFrom(
  settings: ClassifySettings,
  available: readonly string[],
): Array<{ index: number; field: string }> {
  return settings.rules.flatMap((rule, index) =>
    available.includes(rule.field) ? [] : [{ index, field: rule.field }],
  );
}
