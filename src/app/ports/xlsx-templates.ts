import type { DocumentType } from '../../core/documents/types.ts';
import type { XlsxMapping } from '../../core/outputs/xlsx-mapping.ts';

export interface XlsxTemplateRecord {
  id: string;
  tenantId: string;
  name: string;
  documentType: DocumentType;
  mapping: XlsxMapping | null;
  active: boolean;
  sizeBytes: number;
  createdAt: string;
  updatedAt: string;
}

/** The operator's XLSX templates (one aggregate: the file, its mapping, whether it is active). */
export interface XlsxTemplateRepo {
  insert(t: {
    id: string;
    tenantId: string;
    name: string;
    documentType: DocumentType;
    content: Buffer;
  }): Promise<XlsxTemplateRecord>;
  get(tenantId: string, id: string): Promise<XlsxTemplateRecord | null>;
  content(tenantId: string, id: string): Promise<Buffer | null>;
  list(tenantId: string): Promise<XlsxTemplateRecord[]>;
  setMapping(tenantId: string, id: string, mapping: XlsxMapping): Promise<XlsxTemplateRecord | null>;
  /** Makes it the active template of its type, deactivating the previous one. */
  activate(tenantId: string, id: string): Promise<XlsxTemplateRecord | null>;
  active(tenantId: string, documentType: DocumentType): Promise<XlsxTemplateRecord | null>;
  /**
   * Forgets the stored XLSX files of the tenant's documents of the type, so that each is made again
   * from the active template when next asked for ("apply the new template to existing documents").
   */
  forgetRendered(tenantId: string, documentType: DocumentType): Promise<number>;
}
