import type { DocumentRenderer } from '../app/ports/rendering.ts';
import { builtinTemplates, renderTemplate, validateTemplate } from './templates/index.ts';
import { PdfRenderer } from './pdf/index.ts';
import { demoDocumentView } from './demo-view.ts';

/**
 * The rendering adapter the use cases see. Chromium starts on the first PDF, not at boot, so that
 * the API starts fast and processes that never render pay nothing for the browser.
 */
export class ChromiumDocumentRenderer implements DocumentRenderer {
  readonly builtinTemplates = builtinTemplates;
  private pdf: Promise<PdfRenderer> | null = null;

  constructor(private readonly pages = 2) {}

  validateTemplate(source: string) {
    return validateTemplate(source);
  }

  renderHtml(source: string, view: Parameters<DocumentRenderer['renderHtml']>[1]) {
    return renderTemplate(source, view);
  }

  renderPdf(html: string): Promise<Buffer> {
    return this.withBrowser((pdf) => pdf.render(html));
  }

  renderPdfs(htmls: readonly string[]): Promise<Array<Buffer | Error>> {
    return this.withBrowser((pdf) => pdf.renderMany(htmls));
  }

  private async withBrowser<T>(work: (pdf: PdfRenderer) => Promise<T>): Promise<T> {
    this.pdf ??= PdfRenderer.start({ pages: this.pages });
    try {
      return await work(await this.pdf);
    } catch (error) {
      // A failed launch must not be cached: the next render tries again.
      if (
        !(await this.pdf.then(
          () => true,
          () => false,
        ))
      )
        this.pdf = null;
      throw error;
    }
  }

  demoView(locale: 'en' | 'ru', type?: Parameters<DocumentRenderer['demoView']>[1]) {
    return demoDocumentView(locale, type);
  }

  async close(): Promise<void> {
    if (this.pdf) await (await this.pdf.catch(() => null))?.close();
    this.pdf = null;
  }
}
