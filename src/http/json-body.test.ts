import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, charsetOf, exceedsDepth } from './json-body.ts';

describe('JSON body checks', () => {
  it('measure nesting without recursion, ignoring brackets inside strings', () => {
    expect(exceedsDepth('[]', 1)).toBe(false);
    expect(exceedsDepth('[[]]', 1)).toBe(true);
    expect(exceedsDepth('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(exceedsDepth('{"a":[{"b":[]}]}', 3)).toBe(true);
    expect(exceedsDepth('["[[[[", "\\"[[[["]', 1)).toBe(false);
    expect(exceedsDepth('['.repeat(1_000_000), MAX_JSON_DEPTH)).toBe(true);
    expect(exceedsDepth(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`, MAX_JSON_DEPTH)).toBe(false);
  });

  it('read the charset parameter of a Content-Type', () => {
    expect(charsetOf('application/json')).toBeNull();
    expect(charsetOf(undefined)).toBeNull();
    expect(charsetOf('application/json; charset=UTF-8')).toBe('utf-8');
    expect(charsetOf('application/json;charset="utf-16"')).toBe('utf-16');
  });
});
