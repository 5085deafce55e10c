// Public surface of the rating engine. Everything else in this folder is internal.
export type { CompiledRate, RateInput, RateIssue } from './compiled-rate.ts';
export { RateTableError } from './compiled-rate.ts';
export { compileRates } from './compile-rates.ts';
export { PrefixTable } from './prefix-table.ts';
export { normalizeNumber } from './dialled-number.ts';
export { billableSeconds, priceMicro } from './pricing.ts';
export type { RatedCall, RateResult, UnratedCall } from './rate-record.ts';
export { rateRecord } from './rate-record.ts';
export type { PickValidOptions, Validity } from './validity.ts';
export { isValidAt, pickValid } from './validity.ts';
