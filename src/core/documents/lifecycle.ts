/** A document's life: drafts change freely; issued documents never change; cancelled is final. */
export type DocumentStatus = 'draft' | 'issued' | 'cancelled';

export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['draft', 'issued', 'cancelled'];

/** What can be done to a document. */
export type DocumentAction = 'edit' | 'generate' | 'issue' | 'cancel' | 'delete' | 'render' | 'convert';

/** The part of a document its lifecycle looks at. */
export interface LifecycleState {
  id: string;
  status: DocumentStatus;
  renderStatus: 'waiting' | 'processing' | 'created' | 'failed' | 'on_view' | null;
  needsRegeneration: boolean;
  /** Set once a proforma became an invoice. */
  convertedToDocumentId?: string | null;
}

/** Why an action is refused: `conflict` for the document's state, `rule` for a business rule. */
export interface LifecycleRefusal {
  kind: 'conflict' | 'rule';
  code: 'DOCUMENT_NOT_DRAFT' | 'DOCUMENT_NOT_ISSUED' | 'NOT_GENERATED' | 'ALREADY_CONVERTED' | 'DOCUMENT_IS_DRAFT';
  detail: string;
}

/** The status an allowed action leads to. */
export const NEXT_STATUS: Record<DocumentAction, DocumentStatus | null> = {
  edit: 'draft',
  generate: 'draft',
  issue: 'issued',
  cancel: 'cancelled',
  delete: null,
  render: null,
  convert: null,
};

/**
 * Null when `action` is allowed on the document, otherwise the refusal to answer with:
 * - edit, generate, delete: drafts only (issued documents are corrected by credit notes);
 * - issue: a draft whose current data has been generated (render "created", nothing pending);
 * - cancel: issued documents only (a draft is deleted instead);
 * - render: issued or cancelled documents (a draft is generated instead);
 * - convert: an issued proforma, once.
 */
export function refusalFor(action: DocumentAction, doc: LifecycleState): LifecycleRefusal | null {
  switch (action) {
    case 'edit':
    case 'generate':
    case 'delete':
      return doc.status === 'draft' ? null : notDraft(doc);
    case 'issue':
      if (doc.status !== 'draft') return notDraft(doc);
      // A draft rendered on first view is generated once its totals are computed ('on_view').
      if ((doc.renderStatus !== 'created' && doc.renderStatus !== 'on_view') || doc.needsRegeneration) {
        return {
          kind: 'rule',
          code: 'NOT_GENERATED',
          detail: `document ${doc.id} must be generated (render status "created" or "on_view") before it is issued; it is ${
            doc.needsRegeneration ? 'out of date' : (doc.renderStatus ?? 'blank')
          }`,
        };
      }
      return null;
    case 'cancel':
      return doc.status === 'issued' ? null : notIssued(doc, 'cancelled (delete a draft instead)');
    case 'render':
      if (doc.status !== 'draft') return null;
      return {
        kind: 'conflict',
        code: 'DOCUMENT_IS_DRAFT',
        detail: `document ${doc.id} is a draft; generate it instead of rendering it`,
      };
    case 'convert':
      if (doc.status !== 'issued') return notIssued(doc, 'converted');
      if (doc.convertedToDocumentId) {
        return {
          kind: 'conflict',
          code: 'ALREADY_CONVERTED',
          detail: `document ${doc.id} was already converted into ${doc.convertedToDocumentId}`,
        };
      }
      return null;
  }
}

function notDraft(doc: LifecycleState): LifecycleRefusal {
  return {
    kind: 'conflict',
    code: 'DOCUMENT_NOT_DRAFT',
    detail: `document ${doc.id} is ${doc.status}; only drafts can change`,
  };
}

function notIssued(doc: LifecycleState, what: string): LifecycleRefusal {
  return {
    kind: 'conflict',
    code: 'DOCUMENT_NOT_ISSUED',
    detail: `document ${doc.id} is ${doc.status}; only issued documents can be ${what}`,
  };
}
