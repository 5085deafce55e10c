// Normalisation of dialled numbers before prefix matching. Rate sheets and CDRs write the same
// number as "+355 67-123 4567" or "355671234567"; matching must see only the digits.
//
// We strip a leading '+' (E.164 notation, not a digit) and the spaces and dashes people use to
// group digits. We deliberately do NOT strip an international access code such as "00": it
// differs per country (00, 011, 0011, 810) and a switch that writes national formats needs a
// per-source dial plan, which belongs in the importer that knows the source, not in core.

const PLUS = 43;
const SPACE = 32;
const DASH = 45;
const ZERO = 48;
const NINE = 57;

/** True when every character is an ASCII digit and there is at least one. */
export function isPlainDigits(text: string): boolean {
  const length = text.length;
  if (length === 0) return false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < ZERO || code > NINE) return false;
  }
  return true;
}

/**
 * Returns the digits of a dialled number, or undefined when it is malformed: a character other
 * than a digit, space or dash, a '+' anywhere but before the first digit, or no digits at all.
 */
export function normalizeNumber(text: string): string | undefined {
  if (isPlainDigits(text)) return text;
  let digits = '';
  let seenPlus = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= ZERO && code <= NINE) {
      digits += text[i];
    } else if (code === PLUS) {
      if (seenPlus || digits.length > 0) return undefined;
      seenPlus = true;
    } else if (code !== SPACE && code !== DASH) {
      return undefined;
    }
  }
  return digits.length > 0 ? digits : undefined;
}
