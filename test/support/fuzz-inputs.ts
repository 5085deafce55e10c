// Generators for the route fuzzer: values that follow a route's JSON schema closely enough to pass
// its first checks, and the hostile values, bodies and headers swapped into them. All randomness
// comes from one seeded generator, so a failing run is reproduced by its seed.

export interface Rng {
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/** mulberry32: small, fast and good enough to spread requests over inputs. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return { next, int, pick: (items) => items[int(items.length)]!, chance: (p) => next() < p };
}

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

/** Stands for a number literal JSON.stringify cannot write (1e999, -0, 30 digits); swapped in as text. */
export const RAW_NUMBER = '\u0001raw-number\u0001';
export const rawNumbers = ['1e999', '-1e999', '-0', '123456789012345678901234567890', '1E-400', '0.0000000000001'];

export const junkStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '💥',
  '\u202e\u0301',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '../../etc/passwd',
  "' or 1=1 --",
  '%00',
  '%E0%A4%A',
  '{{7*7}}',
  '{% raw %}',
  '<script>',
  '2024-02-30',
  '0000-01-01',
  '9999-12-31T23:59:59Z',
  '-271821-04-20T00:00:00Z',
  '2024-01-01T00:00:00+99:00',
  'Europe/Atlantis',
  'EURO',
  'XAU',
  '12.345678901234567890',
  '-0.00',
  '1'.repeat(40),
  'x'.repeat(300),
  'é'.repeat(5000),
];

export function junkValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 6 : 9)) {
    case 0:
      return rng.pick(junkStrings);
    case 1:
      return rng.pick([0, -1, 1.5, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, Number.MAX_SAFE_INTEGER]);
    case 2:
      return RAW_NUMBER;
    case 3:
      return rng.pick([null, true, false]);
    case 4:
      return 'y'.repeat(rng.pick([1000, 70_000]));
    case 5:
      return rng.pick(junkStrings) + String(rng.int(1000));
    case 6:
      return [junkValue(rng, depth + 1), junkValue(rng, depth + 1)];
    case 7:
      return { [rng.pick(['a', '', '\u0000', '__proto__', 'constructor'])]: junkValue(rng, depth + 1) };
    default:
      return nested(rng.int(200) + 1);
  }
}

/** Arrays inside arrays, `levels` deep: under and over the parser's nesting bound. */
export function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

/** A plausible value for a field, by its name: real ids, dates, currencies and amounts. */
function byName(rng: Rng, name: string, ids: readonly string[]): unknown {
  if (/Ids?$/.test(name) || name === 'id') return rng.pick(ids);
  if (/currency/i.test(name)) return rng.pick(['EUR', 'USD', 'JPY', 'BHD', 'AFN']);
  if (/timezone/i.test(name)) return rng.pick(['Europe/Madrid', 'UTC', 'America/Sao_Paulo']);
  if (/^(period|valid|date|from|to$|issue|due)/i.test(name))
    return rng.pick(['2025-11-01', '2025-12-31', '2026-01-15']);
  if (/At$|watermark/.test(name)) return rng.pick(['2025-12-05T10:00:00Z', '2026-01-01T00:00:00.000Z']);
  if (/price|amount|cost|rate|fee|percent/i.test(name)) return rng.pick(['12.30', '0.2000', '21', '0']);
  if (/email/i.test(name)) return 'billing@example.test';
  return undefined;
}

/** A value following `schema` (types, enums, bounds, required fields), with names as hints. */
export function fromSchema(rng: Rng, schema: JsonSchema, ids: readonly string[], name = '', depth = 0): unknown {
  if (schema.anyOf?.length) return fromSchema(rng, rng.pick(schema.anyOf), ids, name, depth);
  if (schema.enum?.length) return rng.pick(schema.enum);
  const type = Array.isArray(schema.type) ? rng.pick(schema.type) : schema.type;
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      if (schema.required?.includes(key) || rng.chance(0.4)) out[key] = fromSchema(rng, child, ids, key, depth + 1);
    }
    return out;
  }
  if (type === 'array') {
    const count = Math.max(schema.minItems ?? 0, rng.int(depth > 3 ? 1 : 3));
    return Array.from({ length: count }, () => fromSchema(rng, schema.items ?? {}, ids, name, depth + 1));
  }
  if (type === 'integer' || type === 'number') {
    const min = schema.minimum ?? 0;
    const max = Math.min(schema.maximum ?? 1000, min + 1000);
    return min + rng.int(max - min + 1);
  }
  if (type === 'boolean') return rng.chance(0.5);
  if (type === 'null') return null;
  if (type === 'string' || type === undefined) {
    const hinted = byName(rng, name, ids);
    if (hinted !== undefined) return hinted;
    const length = Math.max(schema.minLength ?? 1, Math.min(schema.maxLength ?? 12, 1 + rng.int(12)));
    return 'Fz' + 'abcdefghij'.repeat(2).slice(0, Math.max(0, length - 2));
  }
  return null;
}

/** Replaces, adds or removes one field somewhere inside a generated value. */
export function mutate(rng: Rng, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || rng.chance(0.1)) return junkValue(rng);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  const action = rng.int(4);
  if (action === 0 || keys.length === 0) {
    (copy as Record<string, unknown>)[rng.pick(['extra', 'a\u0000', '\ud800', '__proto__', 'x'.repeat(300)])] =
      junkValue(rng);
  } else if (action === 1 && !Array.isArray(copy)) {
    delete copy[rng.pick(keys)];
  } else {
    const key = rng.pick(keys);
    (copy as Record<string, unknown>)[key] = mutate(rng, (copy as Record<string, unknown>)[key]);
  }
  return copy;
}

/** JSON text for a value, with RAW_NUMBER markers replaced by literals JSON.stringify cannot write. */
export function toJsonText(rng: Rng, value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.replaceAll(JSON.stringify(RAW_NUMBER), () => rng.pick(rawNumbers));
}

export const junkSegments = [
  '0',
  '-1',
  'null',
  '%00',
  '%2e%2e',
  '..',
  '%E0%A4%A',
  '%F0%9F%92%A5',
  '%C0%AF',
  '%ED%A0%80',
  'cus_x',
  '%E2%98%83',
  'x'.repeat(120),
  'y'.repeat(5000),
  '999999999999999999999',
  '1e309',
  '%20',
];
