import { Dec, roundTo, toDec, type RoundingMode } from './decimal.ts';

// Built lazily so that importing the module costs nothing; the list comes from the runtime's ICU
// data, which is the same source Intl uses for minor units, so the two can never disagree.
let isoCodes: ReadonlySet<string> | null = null;
const minorUnitsCache = new Map<string, number>();

// ICU's display digits differ from ISO 4217's minor units for a few currencies (it drops the
// fractions nobody prints in daily use). Documents follow ISO 4217, so those are fixed here.
const iso4217Overrides: Readonly<Record<string, number>> = {
  IQD: 3,
  LBP: 2,
  IRR: 2,
  HUF: 2,
  COP: 2,
  IDR: 2,
  MGA: 2,
  ALL: 2,
  AMD: 2,
  MMK: 2,
  RSD: 2,
  SOS: 2,
  SYP: 2,
  YER: 2,
  LAK: 2,
  PKR: 2,
  UZS: 2,
  CRC: 2,
  SLE: 2,
  SLL: 2,
};

/** True for an ISO 4217 code known to the runtime, spelled as three uppercase letters. */
export function isCurrency(code: string): boolean {
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) return false;
  isoCodes ??= new Set(Intl.supportedValuesOf('currency'));
  return isoCodes.has(code);
}

/**
 * Number of decimal places a document amount in this currency carries (EUR 2, JPY 0, BHD 3).
 * Throws a RangeError for an unknown code: silently falling back to 2 would mis-round JPY or BHD.
 */
export function minorUnits(code: string): number {
  const cached = minorUnitsCache.get(code);
  if (cached !== undefined) return cached;
  if (!isCurrency(code)) throw new RangeError(`Unknown currency code: ${JSON.stringify(code)}`);
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
    .maximumFractionDigits;
  // resolvedOptions types the field as optional; currency style always resolves it.
  const units = iso4217Overrides[code] ?? digits ?? 2;
  minorUnitsCache.set(code, units);
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
