import type { DocumentType, DocumentView } from '../../core/documents/view.ts';

export interface BuiltinTemplate {
  key: string;
  documentType: DocumentType;
  locale: 'en' | 'ru';
  name: string;
  source: string;
}

/** Turns a document view into HTML through a (sandboxed) template, and HTML into a PDF. */
export interface DocumentRenderer {
  validateTemplate(source: string): { ok: true } | { ok: false; line: number | null; message: string };
  renderHtml(source: string, view: DocumentView): Promise<string>;
  renderPdf(html: string): Promise<Buffer>;
  /** Many pages at once (cheaper per page); each answers its PDF or the error it alone caused. */
  renderPdfs(htmls: readonly string[]): Promise<Array<Buffer | Error>>;
  builtinTemplates: readonly BuiltinTemplate[];
  /** Sample data for previews: a document of the given type (an invoice by default). */
  demoView(locale: 'en' | 'ru', type?: DocumentType): DocumentView;
}

/** A template failure the renderer reports: the document becomes `failed` with this reason. */
export interface RenderFailure {
  code: string;
  message: string;
}
