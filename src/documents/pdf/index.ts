// HTML to PDF through the system Chromium, with a warm pool of pages.
export { PdfRenderer } from './pdf-renderer.ts';
export type { PdfRendererOptions } from './pdf-renderer.ts';
export { CHROMIUM_ARGS, findChromium } from './find-chromium.ts';
