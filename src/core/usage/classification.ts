// Call classification: which calls of a switch or PBX file are outbound to external networks (the
// only ones invoiced), which stay on-net, which come in, and which are not calls at all. A source's
// ordered rules look at the fields of each row; the first rule that matches decides. When none
// does, a short callee (an extension) makes the call internal and anything else is outbound
// external. Pure: regular expressions are compiled here, their safety is checked by the caller.

/** The formats whose rows can be classified; csv also covers JSON records (usage field names). */
export const CLASSIFY_FORMATS = ['csv', 'asterisk', 'freeswitch-csv', 'freeswitch-xml'] as const;
export type ClassifyFormat = (typeof CLASSIFY_FORMATS)[number];

/** The fields a rule may name, per format: what a row of that format carries. */
export const CLASSIFICATION_FIELDS: Readonly<Record<ClassifyFormat, readonly string[]>> = Object.freeze({
  csv: ['caller', 'callee', 'accountCode', 'customerId'],
  asterisk: ['accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp'],
  'freeswitch-csv': ['caller_id_name', 'caller_id_number', 'destination_number', 'context', 'accountcode'],
  'freeswitch-xml': [
    'caller_id_name',
    'caller_id_number',
    'destination_number',
    'context',
    'accountcode',
    'chan_name',
    'sip_gateway_name',
  ],
});

export const MATCH_KINDS = ['exact', 'prefix', 'regex'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export type ClassifyRule =
  | { field: string; match: MatchKind; pattern: string; direction: 'outbound' | 'inbound'; external: boolean }
  | { field: string; match: MatchKind; pattern: string; ignore: true; reason: string };

export interface ClassifySettings {
  format: ClassifyFormat;
  /** A callee of at most this many digits is an extension: the call is internal. */
  internalMaxDigits: number;
  rules: readonly ClassifyRule[];
}

export const DEFAULT_INTERNAL_MAX_DIGITS = 6;
export const MAX_RULES = 200;
export const MAX_PATTERN_LENGTH = 200;
/** Regular expressions never run on longer values: every field a rule reads is shorter in a real CDR. */
export const MAX_REGEX_INPUT = 256;

export const defaultSettings = (): ClassifySettings => ({
  format: 'csv',
  internalMaxDigits: DEFAULT_INTERNAL_MAX_DIGITS,
  rules: [],
});

/** The row's fields as rules see them (any object: only its string properties can match). */
export type ClassifyFields = object;

export type Classification =
  | { ignored: false; direction: 'outbound' | 'inbound'; external: boolean; by: 'rule' | 'default' }
  | { ignored: true; reason: string };

export type CallClass = 'outboundExternal' | 'outboundInternal' | 'inbound';

export const classOf = (direction: 'outbound' | 'inbound', external: boolean): CallClass =>
  direction === 'inbound' ? 'inbound' : external ? 'outboundExternal' : 'outboundInternal';

type Test = (value: string) => boolean;

function testOf(rule: ClassifyRule): Test {
  const { pattern } = rule;
  if (rule.match === 'exact') return (value) => value === pattern;
  if (rule.match === 'prefix') return (value) => value.startsWith(pattern);
  const re = new RegExp(pattern);
  return (value) => value.length <= MAX_REGEX_INPUT && re.test(value);
}

const DIGITS = /^\d+$/;

/** A compiled rule set: build once per source and import, then classify every row with it. */
export class Classifier {
  readonly #rules: ReadonlyArray<{ rule: ClassifyRule; test: Test }>;
  readonly #maxDigits: number;

  constructor(readonly settings: ClassifySettings) {
    this.#rules = settings.rules.map((rule) => ({ rule, test: testOf(rule) }));
    this.#maxDigits = settings.internalMaxDigits;
  }

  get ruleCount(): number {
    return this.#rules.length;
  }

  /** The first matching rule decides; else the callee's length. `callee` is the row's dialled number. */
  classify(fields: ClassifyFields, callee: unknown): Classification {
    for (const { rule, test } of this.#rules) {
      const raw = (fields as Readonly<Record<string, unknown>>)[rule.field];
      if (typeof raw !== 'string' || !test(raw.trim())) continue;
      if ('ignore' in rule) return { ignored: true, reason: rule.reason };
      return { ignored: false, direction: rule.direction, external: rule.external, by: 'rule' };
    }
    return { ignored: false, direction: 'outbound', external: !this.#isExtension(callee), by: 'default' };
  }

  #isExtension(callee: unknown): boolean {
    if (typeof callee !== 'string') return false;
    const number = callee.trim();
    return number.length > 0 && number.length <= this.#maxDigits && DIGITS.test(number);
  }
}
