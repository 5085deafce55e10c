// PostgreSQL text and jsonb cannot hold a NUL, and jsonb refuses a lone UTF-16 surrogate. Values
// that echo what a client sent (a rejected row, an error naming a bad header cell) may carry
// either; the stored copy gets U+FFFD in their place, so that keeping a record of bad input can
// never fail the request that carried it.

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when the text holds a character PostgreSQL cannot store. */
export function hasUnstorable(text: string): boolean {
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(text);
}

/** A copy of a JSON-like value whose strings and keys can all be stored. */
export function storable(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD');
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k) as string, storable(v)]));
  }
  return value;
}
