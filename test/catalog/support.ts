// The call-and-expect helper is the usage tests' own; catalog tests use the same one.
export { ok } from '../usage/support.ts';

/** The field errors of a refusal as [field, code] pairs, for compact assertions. */
export const fieldCodes = (body: { errors: Array<{ field: string; code: string }> }) =>
  body.errors.map((e) => [e.field, e.code]);

export const sipTrunk = {
  code: 'SIP10',
  name: 'SIP trunk',
  names: { en: 'SIP trunk', ru: 'SIP-транк', es: 'Troncal SIP' },
  kind: 'recurring',
  period: 'month',
  currency: 'EUR',
  priceModel: 'flat',
  price: '30.00',
  taxRate: '21',
};
