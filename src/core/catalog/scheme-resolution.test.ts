import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveScheme, SCHEME_LEVELS, type SchemeCandidates } from './scheme-resolution.ts';

describe('resolveScheme', () => {
  it('takes the most specific level that sets a scheme', () => {
    expect(resolveScheme({ tenant_default: 'd', customer: 'c', basic_contract: 'b' })).toEqual({
      schemeId: 'b',
      level: 'basic_contract',
    });
    expect(resolveScheme({ subscription: 's', customer_contract: 'cc', tenant_default: 'd' })?.level).toBe(
      'subscription',
    );
    expect(resolveScheme({ customer_contract: null, tenant_default: 'd' })).toEqual({
      schemeId: 'd',
      level: 'tenant_default',
    });
    expect(resolveScheme({})).toBeNull();
  });

  it('never picks a level when a more specific one is set', () => {
    const level = fc.constantFrom(...SCHEME_LEVELS);
    fc.assert(
      fc.property(fc.dictionary(level, fc.option(fc.string({ minLength: 1 }))), (candidates: SchemeCandidates) => {
        const resolved = resolveScheme(candidates);
        const set = SCHEME_LEVELS.filter((l) => candidates[l]);
        if (!set.length) return resolved === null;
        return resolved!.level === set[0] && resolved!.schemeId === candidates[set[0]!];
      }),
    );
  });
});
