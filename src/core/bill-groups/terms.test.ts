import { describe, expect, it } from 'vitest';
import { BILL_GROUP_DEFAULTS, validateBillGroup, type BillGroupTerms } from './terms.ts';

const group = (over: Partial<BillGroupTerms> = {}): BillGroupTerms => ({
  name: 'Monthly',
  billDay: 1,
  usageBillDay: 1,
  ...BILL_GROUP_DEFAULTS,
  ...over,
});

describe('bill group terms', () => {
  it('accepts the defaults on any day from 1 to 28', () => {
    for (const billDay of [1, 15, 28]) expect(validateBillGroup(group({ billDay, usageBillDay: billDay }))).toEqual([]);
  });

  it.each([0, 29, 31, 1.5])('refuses bill day %s with its field', (billDay) => {
    expect(validateBillGroup(group({ billDay }))).toEqual([
      expect.objectContaining({ field: 'billDay', code: 'BILL_DAY_OUT_OF_RANGE' }),
    ]);
  });

  it('refuses an unknown close type and lists every other problem too', () => {
    const errors = validateBillGroup(
      group({ invoiceCloseType: 'weekly' as never, usageBillDay: 30, paymentTermsDays: -1, name: ' ' }),
    );
    expect(errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'invoiceCloseType:UNKNOWN_CLOSE_TYPE',
      'name:REQUIRED',
      'paymentTermsDays:INVALID_VALUE',
      'usageBillDay:BILL_DAY_OUT_OF_RANGE',
    ]);
  });
});
