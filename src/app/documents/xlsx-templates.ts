import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { OutputWriters } from '../ports/outputs.ts';
import type { XlsxTemplateRecord } from '../ports/xlsx-templates.ts';
import type { DocumentType } from '../../core/documents/types.ts';
import { validateXlsxMapping, type XlsxMapping } from '../../core/outputs/xlsx-mapping.ts';
import { conflict, invalid, notFound, refusedWith } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';

/**
 * Stores an operator's XLSX file for a document type. The file is checked before anything opens
 * it for real: size, ZIP structure (entries, declared expansion), and that it reads as a workbook.
 * A refused file is not stored.
 */
export async function uploadXlsxTemplate(
  deps: Deps,
  writers: OutputWriters,
  ctx: CallContext,
  input: { name: string; documentType: DocumentType; file: Buffer },
): Promise<XlsxTemplateRecord> {
  const check = await writers.inspectXlsx(input.file);
  if (!check.ok)
    throw refusedWith(check.code, `The upload is refused: ${check.message}`, [
      { field: 'body', code: check.code, message: check.message },
    ]);
  return deps.uow.run(async (s) => {
    const t = await s.xlsxTemplates.insert({
      id: newId('xlt'),
      tenantId: ctx.tenantId,
      name: input.name,
      documentType: input.documentType,
      content: input.file,
    });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'xlsx_template',
      objectId: t.id,
      action: 'created',
      after: t,
    });
    return t;
  });
}

export function listXlsxTemplates(deps: Deps, ctx: CallContext): Promise<XlsxTemplateRecord[]> {
  return deps.uow.run((s) => s.xlsxTemplates.list(ctx.tenantId));
}

export function getXlsxTemplate(deps: Deps, ctx: CallContext, id: string): Promise<XlsxTemplateRecord> {
  return deps.uow.run(async (s) => {
    const t = await s.xlsxTemplates.get(ctx.tenantId, id);
    if (!t) throw notFound('XLSX template', id);
    return t;
  });
}

/** Sets where each value goes; an unusable mapping is refused field by field (400). */
export function setXlsxMapping(
  deps: Deps,
  ctx: CallContext,
  id: string,
  mapping: XlsxMapping,
): Promise<XlsxTemplateRecord> {
  const errors = validateXlsxMapping(mapping);
  if (errors.length > 0) throw invalid(errors, 'The mapping cannot be used');
  return deps.uow.run(async (s) => {
    const before = await s.xlsxTemplates.get(ctx.tenantId, id);
    if (!before) throw notFound('XLSX template', id);
    const after = (await s.xlsxTemplates.setMapping(ctx.tenantId, id, mapping))!;
    await recordChange(s, ctx, deps.clock, {
      objectType: 'xlsx_template',
      objectId: id,
      action: 'updated',
      before,
      after,
    });
    return after;
  });
}

/**
 * Makes the template the one its document type's XLSX files are made from. Documents that already
 * have an XLSX keep it, unless `applyToExisting`: then their stored files are dropped and each is
 * made again from this template when next downloaded (with the document's data of that moment).
 */
export function activateXlsxTemplate(
  deps: Deps,
  ctx: CallContext,
  id: string,
  applyToExisting: boolean,
): Promise<{ template: XlsxTemplateRecord; documentsToRerender: number }> {
  return deps.uow.run(async (s) => {
    const found = await s.xlsxTemplates.get(ctx.tenantId, id);
    if (!found) throw notFound('XLSX template', id);
    if (!found.mapping)
      throw conflict('XLSX_MAPPING_MISSING', `XLSX template ${id} has no mapping yet: PUT its mapping first`);
    const template = (await s.xlsxTemplates.activate(ctx.tenantId, id))!;
    const documentsToRerender = applyToExisting
      ? await s.xlsxTemplates.forgetRendered(ctx.tenantId, found.documentType)
      : 0;
    await recordChange(s, ctx, deps.clock, {
      objectType: 'xlsx_template',
      objectId: id,
      action: 'activated',
      before: found,
      after: { ...template, applyToExisting, documentsToRerender },
    });
    return { template, documentsToRerender };
  });
}
