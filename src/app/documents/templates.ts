import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentType } from '../ports/documents.ts';
import type { TemplateRecord } from '../ports/templates.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import type { Session } from '../ports/session.ts';
import { conflict, notFound, refused, unreadable } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { policyFor } from '../../core/documents/policy.ts';

/** Built-in templates have stable ids of their own, the same in every tenant. */
export const builtinTemplateId = (key: string, locale: string) => `builtin-${key}-${locale}`;

function builtinRecords(renderer: DocumentRenderer): TemplateRecord[] {
  return renderer.builtinTemplates.map((t) => ({
    id: builtinTemplateId(t.key, t.locale),
    tenantId: null,
    name: t.name,
    documentType: t.documentType,
    locale: t.locale,
    format: 'html',
    source: t.source,
    builtin: true,
  }));
}

export async function findTemplate(
  s: Session,
  renderer: DocumentRenderer,
  tenantId: string,
  id: string,
): Promise<TemplateRecord | null> {
  return builtinRecords(renderer).find((t) => t.id === id) ?? s.templates.getTemplate(tenantId, id);
}

/** The template a document gets when none is chosen: its type's built-in one in the customer's language. */
export function defaultTemplateId(type: DocumentType, language: string): string {
  return builtinTemplateId(policyFor(type).defaultTemplate, language === 'ru' ? 'ru' : 'en');
}

function assertValid(renderer: DocumentRenderer, source: string) {
  const check = renderer.validateTemplate(source);
  if (!check.ok) {
    const where = check.line ? ` at line ${check.line}` : '';
    throw unreadable(
      'TEMPLATE_SYNTAX',
      `The template has a syntax error${where}: ${check.message}`,
      [
        {
          field: 'source',
          code: 'TEMPLATE_SYNTAX',
          message: `${check.line ? `line ${check.line}: ` : ''}${check.message}`,
        },
      ],
      { line: check.line },
    );
  }
}

export interface TemplateInput {
  name: string;
  documentType: DocumentType;
  locale: string;
  source: string;
}

export function createTemplate(
  deps: Deps,
  renderer: DocumentRenderer,
  ctx: CallContext,
  input: TemplateInput,
): Promise<TemplateRecord> {
  assertValid(renderer, input.source);
  return deps.uow.run(async (s) => {
    const t = await s.templates.insertTemplate({ ...input, id: newId('tpl'), tenantId: ctx.tenantId, format: 'html' });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'template',
      objectId: t.id,
      action: 'created',
      after: { ...t, source: undefined },
    });
    return t;
  });
}

export function updateTemplate(
  deps: Deps,
  renderer: DocumentRenderer,
  ctx: CallContext,
  id: string,
  patch: Partial<Pick<TemplateInput, 'name' | 'source' | 'locale'>>,
): Promise<TemplateRecord> {
  if (patch.source !== undefined) assertValid(renderer, patch.source);
  return deps.uow.run(async (s) => {
    const before = await s.templates.getTemplate(ctx.tenantId, id);
    if (!before)
      throw builtinRecords(renderer).some((t) => t.id === id)
        ? conflict('BUILTIN_TEMPLATE', 'Built-in templates cannot be changed; create a copy instead')
        : notFound('Template', id);
    const after = await s.templates.updateTemplate(ctx.tenantId, id, patch);
    await recordChange(s, ctx, deps.clock, {
      objectType: 'template',
      objectId: id,
      action: 'updated',
      before: { ...before, source: undefined },
      after: { ...after, source: undefined },
    });
    return after!;
  });
}

export async function listTemplates(
  deps: Deps,
  renderer: DocumentRenderer,
  ctx: CallContext,
): Promise<TemplateRecord[]> {
  const own = await deps.uow.run((s) => s.templates.listTemplates(ctx.tenantId));
  return [...builtinRecords(renderer), ...own];
}

export async function getTemplate(
  deps: Deps,
  renderer: DocumentRenderer,
  ctx: CallContext,
  id: string,
): Promise<TemplateRecord> {
  const t = await deps.uow.run((s) => findTemplate(s, renderer, ctx.tenantId, id));
  if (!t) throw notFound('Template', id);
  return t;
}

/** Renders any template (saved, built-in, or a source being edited) with demo data. */
export async function previewTemplate(
  deps: Deps,
  renderer: DocumentRenderer,
  ctx: CallContext,
  input: { id?: string; source?: string; locale?: 'en' | 'ru'; documentType?: DocumentType },
  as: 'html' | 'pdf',
) {
  let source = input.source;
  let locale = input.locale ?? 'en';
  let type: DocumentType = input.documentType ?? 'invoice';
  if (source === undefined) {
    const t = await getTemplate(deps, renderer, ctx, input.id ?? '');
    source = t.source;
    locale = input.locale ?? (t.locale === 'ru' ? 'ru' : 'en');
    type = input.documentType ?? t.documentType;
  }
  assertValid(renderer, source);
  // A template is previewed with a sample of its own type: an act template shows an act.
  const html = await renderHtmlOrRefuse(renderer, source, renderer.demoView(locale, type));
  return as === 'html' ? html : renderer.renderPdf(html);
}

export async function renderHtmlOrRefuse(
  renderer: DocumentRenderer,
  source: string,
  view: Parameters<DocumentRenderer['renderHtml']>[1],
): Promise<string> {
  try {
    return await renderer.renderHtml(source, view);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'TEMPLATE_ERROR';
    throw refused(code, `The template could not be rendered: ${(error as Error).message}`);
  }
}
