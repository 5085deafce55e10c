import { describe, expect, it } from 'vitest';
import { portalSettingsOf, visibleTypesOf } from './visibility.ts';
import { DOCUMENT_TYPES } from '../documents/policy.ts';

describe('portal visibility', () => {
  it('shows every type until the operator hides one', () => {
    expect(visibleTypesOf(portalSettingsOf(undefined))).toEqual([...DOCUMENT_TYPES]);
  });
  it('keeps stored choices and ignores what is not a type or not a boolean', () => {
    const s = portalSettingsOf({ visibleTypes: { proforma: false, act: 'no', bogus: false } });
    expect(s.visibleTypes.proforma).toBe(false);
    expect(s.visibleTypes.act).toBe(true);
    expect(s.visibleTypes).not.toHaveProperty('bogus');
    expect(visibleTypesOf(s)).not.toContain('proforma');
  });
});
