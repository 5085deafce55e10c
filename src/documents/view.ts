// The view model lives in core (it is plain data that use cases build); this module re-exports it
// for the template code beside it, together with the demo data used by previews.
export type * from '../core/documents/view.ts';
export { demoDocumentView } from './demo-view.ts';
