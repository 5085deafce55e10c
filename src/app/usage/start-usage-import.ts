import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { FieldError } from '../errors.ts';
import type { ImportFormat, ImportOptions, UsageImport } from '../ports/usage.ts';
import { invalid, notFound, refusedWith, unreadable } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { CLASSIFICATION_FIELDS, USAGE_FIELDS, fieldsMissingFrom, type ColumnMapping } from '../../core/usage/index.ts';
import { isTimeZone } from '../../core/time/zones.ts';
import { CsvRecordReader } from './csv-records.ts';
import { decodeAll, isKnownEncoding } from './decode-text.ts';
import { formats, resolveMapping } from './import-rows.ts';
import { assertNoXmlDeclarations, splitXmlCdrs } from './freeswitch-xml.ts';

export const USAGE_IMPORT_QUEUE = 'usage-import';

export interface ImportRequest {
  format: string;
  source?: string | undefined;
  timezone?: string | undefined;
  /** Usage field -> column name, as an object or its JSON text. */
  mapping?: string | Record<string, unknown> | undefined;
  encoding?: string | undefined;
  fileName?: string | undefined;
  batchSize?: number | undefined;
}

export interface CheckedImport {
  format: ImportFormat;
  source: string;
  mapping: ColumnMapping | null;
  options: ImportOptions;
}

function parseMapping(mapping: ImportRequest['mapping'], errors: FieldError[]): ColumnMapping | null {
  if (mapping === undefined || mapping === '') return null;
  let value: unknown = mapping;
  if (typeof mapping === 'string') {
    try {
      value = JSON.parse(mapping);
    } catch {
      value = undefined;
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    errors.push({
      field: 'mapping',
      code: 'INVALID_MAPPING',
      message: 'mapping must be a JSON object of usage field to column name, e.g. {"externalId":"uniqueid"}',
    });
    return null;
  }
  const out: ColumnMapping = {};
  for (const [field, column] of Object.entries(value)) {
    if (!(USAGE_FIELDS as readonly string[]).includes(field))
      errors.push({
        field: `mapping.${field}`,
        code: 'UNKNOWN_FIELD',
        message: `not a usage field; one of ${USAGE_FIELDS.join(', ')}`,
      });
    else if (typeof column !== 'string' || !column || column.includes('\u0000'))
      errors.push({ field: `mapping.${field}`, code: 'INVALID_MAPPING', message: 'must be a column name' });
    else out[field as keyof ColumnMapping] = column;
  }
  return out;
}

/** Checks an import's options before any row is read; an unknown zone or encoding is the caller's error. */
export async function checkImportRequest(deps: Deps, ctx: CallContext, req: ImportRequest): Promise<CheckedImport> {
  const errors: FieldError[] = [];
  const format = formats.find((f) => f === req.format);
  if (!format)
    errors.push({ field: 'format', code: 'INVALID_FORMAT', message: `format must be one of ${formats.join(', ')}` });
  const source = (req.source ?? format ?? 'import').trim();
  if (!source || source.length > 255 || source.includes('\u0000'))
    errors.push({ field: 'source', code: 'INVALID_SOURCE', message: 'source must be 1-255 characters' });
  if (req.timezone !== undefined && !isTimeZone(req.timezone))
    errors.push({ field: 'timezone', code: 'INVALID_TIMEZONE', message: `unknown time zone ${req.timezone}` });
  if (req.encoding !== undefined && !isKnownEncoding(req.encoding))
    errors.push({ field: 'encoding', code: 'INVALID_ENCODING_NAME', message: `unknown encoding ${req.encoding}` });
  const mapping = parseMapping(req.mapping, errors);
  if (mapping && format !== undefined && format !== 'csv')
    errors.push({
      field: 'mapping',
      code: 'INVALID_MAPPING',
      message: `format ${format} has fixed fields; a mapping applies to format csv`,
    });
  if (errors.length) throw invalid(errors);
  const tenant = await deps.uow.run((s) => s.tenancy.getTenant(ctx.tenantId));
  if (!tenant) throw notFound('Tenant', ctx.tenantId);
  const options: ImportOptions = { timezone: req.timezone ?? tenant.timezone, encoding: req.encoding ?? 'utf-8' };
  if (req.batchSize) options.batchSize = req.batchSize;
  return { format: format!, source, mapping, options };
}

/** For a CSV, the header decides the mapping: a column it names but the file lacks is refused now. */
export function mappingForHeader(checked: CheckedImport, firstLine: string): ColumnMapping | null {
  if (checked.format !== 'csv') return null;
  const reader = new CsvRecordReader();
  const [header] = [...reader.push(`${firstLine}\n`), ...reader.end()];
  if (!header?.fields) throw unreadable('MISSING_HEADER', 'a CSV import needs a header row naming its columns');
  const { mapping, errors } = resolveMapping(header.fields, checked.mapping);
  if (errors.length)
    throw unreadable(
      'MISSING_COLUMNS',
      `the file lacks columns the import needs: ${errors.map((e) => e.message).join('; ')}`,
      errors,
      { header: header.fields },
    );
  return mapping;
}

/**
 * The source's classification rules must read fields this import has: the format's fields, or
 * for a CSV the usage fields its mapping provides. Otherwise the import is refused before any row
 * is stored, naming the rules.
 */
export async function checkRulesFit(
  deps: Deps,
  ctx: CallContext,
  checked: CheckedImport,
  mapping: ColumnMapping | null,
): Promise<void> {
  const settings = await deps.uow.run((s) => s.usage.getSourceSettings(ctx.tenantId, checked.source));
  if (!settings) return;
  const available =
    checked.format === 'csv'
      ? CLASSIFICATION_FIELDS.csv.filter((f) => mapping?.[f as keyof ColumnMapping] !== undefined)
      : CLASSIFICATION_FIELDS[checked.format];
  const missing = fieldsMissingFrom(settings, available);
  if (!missing.length) return;
  const names = [...new Set(missing.map((m) => m.field))].join(', ');
  throw refusedWith(
    'RULE_FIELD_NOT_IN_FORMAT',
    `classification rules of source ${checked.source} read ${names}, which a ${checked.format} import does not have; fix the rules (PUT /usage-sources/${checked.source}) or the format`,
    missing.map((m) => ({
      field: 'format',
      code: 'RULE_FIELD_NOT_IN_FORMAT',
      message: `rules[${m.index}] reads "${m.field}"`,
    })),
  );
}

/** An XML CDR upload: refused whole if it declares entities; its rows are its <cdr> elements. */
function xmlCdrCount(text: string): number {
  assertNoXmlDeclarations(text);
  const count = splitXmlCdrs(text).length;
  if (!count) throw unreadable('EMPTY_FILE', 'the uploaded file holds no <cdr> element');
  return count;
}

/** Rows in a text, counted as lines: exact for CDR files, an estimate when fields hold newlines. */
export function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.length && !text.endsWith('\n') ? n + 1 : n;
}

/**
 * Accepts an uploaded file: checks options and header, stores the file with an import row and
 * queues the job that processes it, all in one transaction. Progress is polled on the import.
 */
export async function startUsageImport(
  deps: Deps,
  ctx: CallContext,
  req: ImportRequest,
  body: Uint8Array | string,
): Promise<UsageImport> {
  const checked = await checkImportRequest(deps, ctx, req);
  const text = typeof body === 'string' ? body.replace(/^\uFEFF/, '') : decodeAll(body, checked.options.encoding);
  if (!text.trim()) throw unreadable('EMPTY_FILE', 'the uploaded file has no rows');
  const firstLine = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  const mapping = mappingForHeader(checked, firstLine);
  await checkRulesFit(deps, ctx, checked, mapping);
  const totalRows =
    checked.format === 'freeswitch-xml' ? xmlCdrCount(text) : countLines(text) - (checked.format === 'csv' ? 1 : 0);
  const fileName = req.fileName?.slice(0, 255) ?? null;
  return deps.uow.run(async (session) => {
    const imp = await session.usage.insertImport(
      {
        id: newId('uimp'),
        tenantId: ctx.tenantId,
        source: checked.source,
        format: checked.format,
        fileName,
        status: 'queued',
        mapping: mapping as Record<string, string> | null,
        options: { ...checked.options, origin: 'api', fileSize: text.length },
        totalRows,
      },
      text,
    );
    await session.jobs.enqueue(USAGE_IMPORT_QUEUE, { tenantId: ctx.tenantId, importId: imp.id });
    await recordChange(session, ctx, deps.clock, {
      objectType: 'usage_import',
      objectId: imp.id,
      action: 'created',
      after: imp,
    });
    return imp;
  });
}
