import type { ApiClient } from '../support/runtime.ts';

/** Calls and expects the given status; returns the body. */
export async function ok<T = any>(
  api: ApiClient,
  method: string,
  url: string,
  body?: unknown,
  status = method === 'POST' ? 201 : 200,
): Promise<T> {
  const res = await api<T>(method, url, body);
  if (res.status !== status) throw new Error(`${method} ${url} → ${res.status} ${res.raw.slice(0, 600)}`);
  return res.body;
}

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
