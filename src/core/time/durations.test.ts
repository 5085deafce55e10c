import { describe, expect, it } from 'vitest';
import { minutesText } from './durations.ts';

describe('minutesText', () => {
  it('shows seconds as minutes with two decimals, rounded half up', () => {
    expect(minutesText(0)).toBe('0.00');
    expect(minutesText(60)).toBe('1.00');
    expect(minutesText(61)).toBe('1.02');
    expect(minutesText(3603)).toBe('60.05');
  });
});
