// Public surface of usage validation and mapping, shared by the JSON API and the CSV importers.
export type { UsageErrorCode } from './fields.ts';
export { USAGE_ERROR_CODES, isAbsent } from './fields.ts';
export type { RawUsage, UsageCandidate, UsageContext, UsageError, UsageValidation } from './validate-usage.ts';
export { validateUsage } from './validate-usage.ts';
export type { ColumnMapping } from './csv-mapping.ts';
export { USAGE_FIELDS, mapCsvRow, missingColumns } from './csv-mapping.ts';
export type { AsteriskMapOptions, AsteriskRowResult } from './asterisk.ts';
export { ASTERISK_MASTER_COLUMNS, mapAsteriskRow } from './asterisk.ts';
export type { FreeswitchXmlCdr, SwitchRowResult } from './freeswitch.ts';
export { FREESWITCH_CSV_COLUMNS, mapFreeswitchCsvRow, mapFreeswitchXmlCdr } from './freeswitch.ts';
export type {
  CallClass,
  Classification,
  ClassifyFields,
  ClassifyFormat,
  ClassifyRule,
  ClassifySettings,
  MatchKind,
} from './classification.ts';
export {
  CLASSIFICATION_FIELDS,
  CLASSIFY_FORMATS,
  Classifier,
  DEFAULT_INTERNAL_MAX_DIGITS,
  MATCH_KINDS,
  MAX_PATTERN_LENGTH,
  MAX_RULES,
  classOf,
  defaultSettings,
} from './classification.ts';
export type { RegexVerdict, RuleError, SettingsCheck } from './classification-rules.ts';
export { checkClassifySettings, fieldsMissingFrom } from './classification-rules.ts';
