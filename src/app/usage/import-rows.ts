import type { FieldError } from '../errors.ts';
import type { ImportFormat } from '../ports/usage.ts';
import {
  USAGE_FIELDS,
  mapAsteriskRow,
  mapFreeswitchCsvRow,
  mapFreeswitchXmlCdr,
  mapCsvRow,
  type FreeswitchXmlCdr,
  type SwitchRowResult,
  missingColumns,
  type ColumnMapping,
  type RawUsage,
} from '../../core/usage/index.ts';
import type { CsvRecord } from './csv-records.ts';
import type { IncomingRow } from './usage-ingestor.ts';
import { REPLACEMENT } from './decode-text.ts';

// Turns CSV records into rows for the ingestor, per file format: a CSV with a header row and a
// column mapping, or Asterisk's header-less Master.csv. Rows that cannot be read become failures
// with a code; the ingestor keeps them as rejections like any other bad row.

/** The fields a file must provide, directly or through the mapping. */
export const REQUIRED_FIELDS: ReadonlyArray<keyof RawUsage> = [
  'externalId',
  'startedAt',
  'durationSeconds',
  'caller',
  'callee',
];

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The mapping for a header: the one given, or by default each usage field from the column of the
 * same name, ignoring case, '_' and '-' (external_id, Started-At …). Errors name what is missing.
 */
export function resolveMapping(
  header: readonly string[],
  given: ColumnMapping | null,
): { mapping: ColumnMapping; errors: FieldError[] } {
  const mapping: ColumnMapping = {};
  if (given) Object.assign(mapping, given);
  else {
    const byName = new Map(header.map((h) => [squash(h), h]));
    for (const field of USAGE_FIELDS) {
      const column = byName.get(squash(field));
      if (column !== undefined) mapping[field] = column;
    }
  }
  const errors: FieldError[] = missingColumns(header, mapping).map((column) => ({
    field: `mapping.${USAGE_FIELDS.find((f) => mapping[f] === column)}`,
    code: 'MISSING_COLUMN',
    message: `column "${column}" is not in the file's header`,
  }));
  for (const field of REQUIRED_FIELDS) {
    if (mapping[field] === undefined)
      errors.push({
        field: `mapping.${field}`,
        code: 'MISSING_COLUMN',
        message: `no column gives ${field}; name one in the mapping or the header`,
      });
  }
  return { mapping, errors };
}

export type RowMapper = (record: CsvRecord) => IncomingRow;

function unreadable(record: CsvRecord): IncomingRow | null {
  if (record.fields === null)
    return {
      position: record.line,
      original: record.text,
      raw: null,
      failure: { code: 'CSV_SYNTAX', detail: `line ${record.line}: ${record.error}` },
    };
  if (record.text.includes(REPLACEMENT)) {
    const detail = `line ${record.line} holds bytes that are not valid in the file's encoding; re-export it as UTF-8 or name the encoding`;
    return { position: record.line, original: record.text, raw: null, failure: { code: 'INVALID_ENCODING', detail } };
  }
  return null;
}

/** A CSV with a header: each row's columns are picked by the mapping. */
export function csvRowMapper(header: readonly string[], mapping: ColumnMapping): RowMapper {
  // Column positions once per file: a row is then a handful of array reads.
  const columns = USAGE_FIELDS.flatMap((field) => {
    const name = mapping[field];
    const index = name === undefined ? -1 : header.indexOf(name);
    return index < 0 ? [] : [[field, index] as const];
  });
  return (record) => {
    const bad = unreadable(record);
    if (bad) return bad;
    const fields = record.fields!;
    if (fields.length !== header.length) {
      return {
        position: record.line,
        original: fields,
        raw: null,
        failure: {
          code: 'COLUMN_COUNT',
          detail: `line ${record.line} has ${fields.length} columns; the header has ${header.length}`,
        },
      };
    }
    const raw: RawUsage = {};
    for (const [field, index] of columns) raw[field] = fields[index];
    return { position: record.line, original: fields, header, raw };
  };
}

/** A switch row's mapping as a row for the ingestor: a record, a skipped attempt, or a failure. */
export function switchRow(position: number, original: unknown, mapped: SwitchRowResult, where: string): IncomingRow {
  if (mapped.ok) return { position, original, raw: mapped.value, fields: mapped.fields };
  if (mapped.skip) return { position, original, raw: null, skip: true };
  const error = mapped.errors[0];
  return { position, original, raw: null, failure: { code: error.code, detail: `${where}: ${error.message}` } };
}

/** Switch CSVs without a header: fixed columns, local times in the box's zone, unanswered calls skipped. */
function switchCsvMapper(map: (cols: readonly string[]) => SwitchRowResult): RowMapper {
  return (record) => {
    const bad = unreadable(record);
    if (bad) return bad;
    return switchRow(record.line, record.fields!, map(record.fields!), `line ${record.line}`);
  };
}

/** Asterisk Master.csv. */
export const asteriskRowMapper = (timeZone: string): RowMapper =>
  switchCsvMapper((cols) => mapAsteriskRow(cols, { timeZone }));

/** FreeSWITCH cdr_csv with the default template. */
export const freeswitchCsvRowMapper = (timeZone: string): RowMapper =>
  switchCsvMapper((cols) => mapFreeswitchCsvRow(cols, { timeZone }));

/** One FreeSWITCH XML CDR (already read and flattened), numbered by its place in the file. */
export function freeswitchXmlRow(position: number, cdr: FreeswitchXmlCdr, timeZone: string): IncomingRow {
  return switchRow(position, cdr, mapFreeswitchXmlCdr(cdr, { timeZone }), `CDR ${position}`);
}

const isXmlCdr = (raw: unknown): raw is FreeswitchXmlCdr =>
  raw !== null &&
  typeof raw === 'object' &&
  typeof (raw as FreeswitchXmlCdr).variables === 'object' &&
  typeof (raw as FreeswitchXmlCdr).profile === 'object';

/** Rebuilds the row of a stored rejection, to re-process it after a fix. */
export function rowFromStored(
  position: number,
  raw: unknown,
  format: ImportFormat | null,
  mapping: ColumnMapping | null,
  timeZone: string,
): IncomingRow {
  if ((format === 'asterisk' || format === 'freeswitch-csv') && Array.isArray(raw)) {
    const mapper = format === 'asterisk' ? asteriskRowMapper(timeZone) : freeswitchCsvRowMapper(timeZone);
    return mapper({ line: position, fields: raw.map(String), text: raw.join(',') });
  }
  if (format === 'freeswitch-xml' && isXmlCdr(raw)) return freeswitchXmlRow(position, raw, timeZone);
  if (format === 'csv' && raw !== null && typeof raw === 'object' && !Array.isArray(raw) && mapping) {
    return { position, original: raw, raw: mapCsvRow(raw as Record<string, string>, mapping) };
  }
  if (format === null) return jsonRow(raw, position);
  return {
    position,
    original: raw,
    raw: null,
    failure: {
      code: 'UNREADABLE_ROW',
      detail: 'the stored row cannot be read as a usage record; fix the file and import it again',
    },
  };
}

export const formats: readonly ImportFormat[] = ['csv', 'asterisk', 'freeswitch-csv', 'freeswitch-xml'];

const known = new Set<string>(USAGE_FIELDS);

/** A JSON record; anything but an object, or an object with an unknown field, is a failure. */
export function jsonRow(record: unknown, index: number): IncomingRow {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return {
      position: index,
      original: record,
      raw: null,
      failure: { code: 'INVALID_TYPE', detail: 'a usage record must be a JSON object' },
    };
  }
  // Unknown fields are refused as everywhere in the API: a typo must not silently drop a value.
  const unknown = Object.keys(record).filter((k) => !known.has(k));
  if (unknown.length) {
    return {
      position: index,
      original: record,
      raw: null,
      // Quoted as JSON: a key may hold anything, a NUL or a line break included.
      failure: {
        code: 'UNKNOWN_FIELD',
        detail: `unknown field(s): ${unknown.map((k) => JSON.stringify(k)).join(', ')}`,
      },
    };
  }
  return { position: index, original: record, raw: record as RawUsage };
}
