import type { DocumentType } from '../../core/documents/types.ts';

export interface TemplateRecord {
  id: string;
  tenantId: string | null;
  name: string;
  documentType: DocumentType;
  locale: string;
  format: 'html';
  source: string;
  builtin: boolean;
}

/** The tenant's own document templates (built-in ones live in the rendering adapter). */
export interface TemplatesRepo {
  insertTemplate(t: Omit<TemplateRecord, 'builtin'> & { tenantId: string }): Promise<TemplateRecord>;
  updateTemplate(
    tenantId: string,
    id: string,
    patch: Partial<Pick<TemplateRecord, 'name' | 'source' | 'locale'>>,
  ): Promise<TemplateRecord | null>;
  getTemplate(tenantId: string, id: string): Promise<TemplateRecord | null>;
  listTemplates(tenantId: string): Promise<TemplateRecord[]>;
}
