import type { DocumentLineAmounts } from '../../core/documents/types.ts';

export interface DocumentLine extends DocumentLineAmounts {
  /** Stable across regenerations of a draft while the line bills the same thing (same `lineKey`). */
  id: string;
  /** What the line bills: `usage:<prefix>:<destination>`, `discount`, `fixed:<line id>`, `charge:<id>`. */
  lineKey: string;
  /** The description was edited on the draft; regeneration keeps it instead of the computed one. */
  descriptionEdited: boolean;
  fixedCostId: string | null;
  chargeId: string | null;
  servicePeriodStart: string | null;
  servicePeriodEnd: string | null;
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
  /** The fixed-cost lines of many drafts in one query, per document (absent: none). */
  fixedCostLinesOf(tenantId: string, documentIds: readonly string[]): Promise<Map<string, DocumentFixedCostLine[]>>;
  replaceLines(tenantId: string, documentId: string, lines: DocumentLine[]): Promise<void>;
  /** Stores the lines of many documents that have none yet (new drafts): one multi-row insert. */
  insertLinesOf(tenantId: string, entries: ReadonlyArray<{ documentId: string; lines: DocumentLine[] }>): Promise<void>;
  /** Replaces the lines of many documents: one delete and one multi-row insert. */
  replaceLinesOf(
    tenantId: string,
    entries: ReadonlyArray<{ documentId: string; lines: DocumentLine[] }>,
  ): Promise<void>;
  lines(tenantId: string, documentId: string): Promise<DocumentLine[]>;
  /** The lines of many documents in one query, per document, in position order (absent: none). */
  linesOf(tenantId: string, documentIds: readonly string[]): Promise<Map<string, DocumentLine[]>>;
  /** Sets a line's description and marks it edited; null when the document has no such line. */
  editDescription(
    tenantId: string,
    documentId: string,
    lineId: string,
    description: string,
  ): Promise<DocumentLine | null>;
}
