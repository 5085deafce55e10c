import type { FieldError } from '../errors.ts';
import type { UsageFilter } from '../ports/usage.ts';
import { invalid } from '../errors.ts';
import { compareInstants, parseCallInstant as parseInstant } from '../../core/usage/instant.ts';

/** Digits and `%` (any run of digits): 35%, %67, 3%7, %56%, or an exact prefix. */
const DESTINATION_PATTERN = /^[0-9%]{1,40}$/;

/**
 * Checks and normalises a usage filter: `from` and `to` are ISO instants (from inclusive, to
 * exclusive) and become canonical UTC text; a destination is a prefix pattern.
 */
export function checkUsageFilter<T extends UsageFilter>(
  filter: T,
  required: Array<'customerId' | 'from' | 'to'> = [],
): T {
  const errors: FieldError[] = [];
  const out = { ...filter };
  for (const field of ['from', 'to'] as const) {
    const value = filter[field];
    if (value === undefined) continue;
    const parsed = parseInstant(value);
    if (parsed) out[field] = parsed.iso;
    else
      errors.push({
        field,
        code: 'INVALID_TIMESTAMP',
        message: 'must be an ISO 8601 instant such as 2018-10-01T00:00:00Z',
      });
  }
  for (const field of required) {
    if (filter[field] === undefined) errors.push({ field, code: 'REQUIRED', message: 'is required' });
  }
  if (out.from && out.to && !errors.length && compareInstants(parseInstant(out.from)!, parseInstant(out.to)!) >= 0) {
    errors.push({ field: 'to', code: 'INVALID_PERIOD', message: 'to must be after from (to is exclusive)' });
  }
  if (filter.destination !== undefined && !DESTINATION_PATTERN.test(filter.destination)) {
    errors.push({
      field: 'destination',
      code: 'INVALID_PATTERN',
      message: 'a destination prefix of digits, with % for any digits (35%, %67, 3%7, %56%)',
    });
  }
  if (errors.length) throw invalid(errors);
  return out;
}
