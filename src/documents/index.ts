// Document rendering: the view model templates receive, sandboxed Liquid templates, and PDF.
export { demoDocumentView } from './view.ts';
export type * from './view.ts';
export * from './templates/index.ts';
export * from './pdf/index.ts';
