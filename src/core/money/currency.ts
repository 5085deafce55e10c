import { data as isoList, publishDate } from 'currency-codes';
import { Dec, roundTo, toDec, type RoundingMode } from './decimal.ts';

// The one table of currencies and their minor units: ISO 4217 list one as the currency-codes
// package ships it (plain data; no I/O). Document amounts, templates and validation all read it.

/**
 * ISO 4217 gives these codes "N.A." minor units (precious metals, bond-market units, SDR, the
 * testing and "no currency" codes): units of account, not money anyone is invoiced in, so they
 * are refused. The package reports them with 0 digits, which is why they are named here.
 */
export const NOT_MONEY: ReadonlySet<string> = new Set([
  'XAG',
  'XAU',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XPD',
  'XPT',
  'XSU',
  'XTS',
  'XUA',
  'XXX',
]);

/**
 * Amendments ISO 4217 published after the package's data (ISO_LIST_DATE), with their minor
 * units; a test fails once the package carries them, so that this table only ever shrinks.
 */
export const PUBLISHED_SINCE_LIST: Readonly<Record<string, number>> = {
  XCG: 2, // Caribbean guilder, replacing ANG in Curaçao and Sint Maarten from 2025-03-31
};

/** The date of the ISO 4217 list the table was taken from. */
export const ISO_LIST_DATE: string = publishDate;

const minorUnitsByCode: ReadonlyMap<string, number> = new Map([
  ...isoList.filter((c) => !NOT_MONEY.has(c.code)).map((c) => [c.code, c.digits] as const),
  ...Object.entries(PUBLISHED_SINCE_LIST),
]);

/** Every active ISO 4217 currency code one can be invoiced in, sorted. */
export function currencyCodes(): string[] {
  return [...minorUnitsByCode.keys()].sort();
}

/** True for an active ISO 4217 currency code, spelled as three uppercase letters. */
export function isCurrency(code: string): boolean {
  return typeof code === 'string' && minorUnitsByCode.has(code);
}

/**
 * Number of decimal places a document amount in this currency carries (EUR 2, JPY 0, BHD 3).
 * Throws a RangeError for an unknown code: silently falling back to 2 would mis-round JPY or BHD.
 */
export function minorUnits(code: string): number {
  const units = minorUnitsByCode.get(code);
  if (units === undefined) throw new RangeError(`Unknown currency code: ${JSON.stringify(code)}`);
  return units;
}

/** Rounds an amount to the currency's minor units. Strings must be strict decimal strings. */
export function roundMoney(value: Dec | string, currency: string, mode: RoundingMode = 'half_up'): Dec {
  return roundTo(toDec(value, 'amount'), minorUnits(currency), mode);
}

/**
 * The API's decimal string for an amount: rounded to the currency's minor units and always showing
 * all of them ("12.30", "-5.00", "100" for JPY, "1.250" for BHD). Never exponent notation, never
 * "-0.00". Dec#toFixed is decimal.js's exact formatter, not Number#toFixed.
 */
export function formatAmount(value: Dec | string, currency: string, mode: RoundingMode = 'half_up'): string {
  return roundMoney(value, currency, mode).toFixed(minorUnits(currency));
}

/** Exact sum of amounts; the empty sum is zero. */
export function sumDec(values: readonly Dec[]): Dec {
  return values.reduce<Dec>((acc, v) => acc.plus(v), new Dec(0));
}
