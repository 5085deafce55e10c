// Public surface of usage validation and mapping, shared by the JSON API and the CSV importers.
export type { UsageErrorCode } from './fields.ts';
export { USAGE_ERROR_CODES } from './fields.ts';
export type { RawUsage, UsageCandidate, UsageContext, UsageError, UsageValidation } from './validate-usage.ts';
export { validateUsage } from './validate-usage.ts';
export type { ColumnMapping } from './csv-mapping.ts';
export { USAGE_FIELDS, mapCsvRow, missingColumns } from './csv-mapping.ts';
export type { AsteriskMapOptions, AsteriskRowResult } from './asterisk.ts';
export { ASTERISK_MASTER_COLUMNS, mapAsteriskRow } from './asterisk.ts';
