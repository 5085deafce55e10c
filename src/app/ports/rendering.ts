import type { DocumentView } from '../../core/documents/view.ts';

export interface BuiltinTemplate {
  key: string;
  documentType: 'invoice';
  locale: 'en' | 'ru';
  name: string;
  source: string;
}

/** Turns a document view into HTML through a (sandboxed) template, and HTML into a PDF. */
export interface DocumentRenderer {
  validateTemplate(source: string): { ok: true } | { ok: false; line: number | null; message: string };
  renderHtml(source: string, view: DocumentView): Promise<string>;
  renderPdf(html: string): Promise<Buffer>;
  builtinTemplates: readonly BuiltinTemplate[];
  demoView(locale: 'en' | 'ru'): DocumentView;
}

/** A template failure the renderer reports: the document becomes `failed` with this reason. */
export interface RenderFailure {
  code: string;
  message: string;
}
