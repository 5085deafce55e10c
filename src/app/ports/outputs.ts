import type { EnDocument, EnProfile } from '../../core/einvoice/document.ts';

/** Writers of document outputs other than the PDF (the adapters live in src/documents). */
export interface OutputWriters {
  /** An EN 16931 e-invoice as UBL 2.1 XML (Invoice or CreditNote). */
  ubl(document: EnDocument, profile: EnProfile): string;
}
