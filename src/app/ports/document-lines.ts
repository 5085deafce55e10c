import type { DocumentLineAmounts } from '../../core/documents/types.ts';

export interface DocumentLine extends DocumentLineAmounts {
  fixedCostId: string | null;
}

export interface DocumentFixedCostLine {
  id: string;
  fixedCostId: string;
  name: string;
  description: string | null;
  quantity: string;
  unitPrice: string;
}

/** A document's computed lines and the fixed costs a draft was given. */
export interface DocumentLinesRepo {
  addFixedCostLine(
    tenantId: string,
    documentId: string,
    line: { id: string; fixedCostId: string; quantity: string },
  ): Promise<void>;
  removeFixedCostLine(tenantId: string, documentId: string, lineId: string): Promise<boolean>;
  fixedCostLines(tenantId: string, documentId: string): Promise<DocumentFixedCostLine[]>;
  replaceLines(tenantId: string, documentId: string, lines: DocumentLine[]): Promise<void>;
  lines(tenantId: string, documentId: string): Promise<DocumentLine[]>;
}
