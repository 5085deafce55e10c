import type { DocumentLocale } from '../view.ts';
import { isCurrency, minorUnits as currencyMinorUnits } from '../../core/money/currency.ts';

// Formatting helpers behind the template filters. They work on the decimal strings of the view
// model character by character: converting money to a JS number would lose exactness on large or
// very precise amounts, and templates must show exactly what the invoice computation stored.

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * The currency's ISO 4217 minor units from core's table, the one source for amounts and templates,
 * so that "12.3" EUR shows as "12.30" and JPY shows no decimals. A template may be previewed with
 * no currency or a made-up one; those show the common 2 decimals rather than failing the render.
 */
export function minorUnits(currency: string | null | undefined): number {
  const code = currency?.toUpperCase() ?? '';
  return isCurrency(code) ? currencyMinorUnits(code) : 2;
}

export function asLocale(value: unknown): DocumentLocale {
  return value === 'ru' ? 'ru' : 'en';
}

function groupThousands(integer: string, separator: string): string {
  let out = '';
  for (let end = integer.length; end > 0; end -= 3) {
    const start = Math.max(0, end - 3);
    out = integer.slice(start, end) + (out === '' ? '' : separator + out);
  }
  return out;
}

/**
 * Formats a decimal string for people: thousands grouped and the locale's decimal mark, padded to
 * at least `minDigits` decimals. It never rounds: further digits are kept when significant (unit
 * prices often carry 4 decimals) and dropped only when they are zeros. Input that is not a plain
 * decimal is returned unchanged, so a mistake in a template stays visible.
 */
export function formatDecimal(value: unknown, minDigits: number, locale: DocumentLocale = 'en'): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value).trim();
  const match = DECIMAL.exec(text);
  if (!match) return text;
  const [, sign, rawInteger, rawFraction = ''] = match;
  let fraction = rawFraction.replace(/0+$/, '');
  if (fraction.length < minDigits) fraction = fraction.padEnd(minDigits, '0');
  const integer = rawInteger.replace(/^0+(?=\d)/, '');
  const isZero = /^0*$/.test(integer + fraction);
  const [groupSeparator, decimalMark] = locale === 'ru' ? [' ', ','] : [',', '.'];
  const amount = groupThousands(integer, groupSeparator) + (fraction ? decimalMark + fraction : '');
  return (isZero ? '' : sign) + amount;
}

/** A money amount padded to the currency's minor units, followed by the code when one is given. */
export function formatMoney(value: unknown, currency?: string | null, locale: DocumentLocale = 'en'): string {
  const amount = formatDecimal(value, minorUnits(currency), locale);
  return currency && amount !== '' ? `${amount} ${currency}` : amount;
}

/** Seconds as "m:ss", or "h:mm:ss" from one hour on; the usual way call durations are printed. */
export function formatDuration(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const total = Number(value);
  if (!Number.isFinite(total)) return String(value);
  const seconds = Math.max(0, Math.round(total));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** 'YYYY-MM-DD' (or an ISO timestamp, whose date part is taken) as DD/MM/YYYY or DD.MM.YYYY. */
export function formatDayMonthYear(value: unknown, locale: DocumentLocale = 'en'): string {
  if (value === null || value === undefined || value === '') return '';
  const match = ISO_DATE.exec(String(value));
  if (!match) return String(value);
  const [, year, month, day] = match;
  const separator = locale === 'ru' ? '.' : '/';
  return [day, month, year].join(separator);
}
