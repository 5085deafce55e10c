import { describe, expect, it } from 'vitest';
import { DOCUMENT_STATUSES, refusalFor, type DocumentAction, type LifecycleState } from './lifecycle.ts';

const generatedDraft: LifecycleState = {
  id: 'doc_1',
  status: 'draft',
  renderStatus: 'created',
  needsRegeneration: false,
};
const code = (action: DocumentAction, doc: Partial<LifecycleState>) =>
  refusalFor(action, { ...generatedDraft, ...doc })?.code ?? 'allowed';

describe('the document lifecycle', () => {
  it.each(['edit', 'generate', 'delete'] as const)('%s is for drafts only', (action) => {
    expect(DOCUMENT_STATUSES.map((status) => code(action, { status }))).toEqual([
      'allowed',
      'DOCUMENT_NOT_DRAFT',
      'DOCUMENT_NOT_DRAFT',
    ]);
  });
  it('issue needs a draft whose current data was generated', () => {
    expect(code('issue', {})).toBe('allowed');
    expect(code('issue', { renderStatus: 'waiting' })).toBe('NOT_GENERATED');
    expect(code('issue', { renderStatus: null })).toBe('NOT_GENERATED');
    // A session's draft is computed when made; its PDF waits, its issue does not.
    expect(code('issue', { renderStatus: null, sessionId: 'gs_1' })).toBe('allowed');
    expect(code('issue', { renderStatus: 'waiting', sessionId: 'gs_1' })).toBe('NOT_GENERATED');
    expect(code('issue', { renderStatus: null, sessionId: 'gs_1', needsRegeneration: true })).toBe('NOT_GENERATED');
    expect(code('issue', { needsRegeneration: true })).toBe('NOT_GENERATED');
    expect(code('issue', { status: 'issued' })).toBe('DOCUMENT_NOT_DRAFT');
  });
  it('cancel is for issued documents; a draft is deleted instead', () => {
    expect(DOCUMENT_STATUSES.map((status) => code('cancel', { status }))).toEqual([
      'DOCUMENT_NOT_ISSUED',
      'allowed',
      'DOCUMENT_NOT_ISSUED',
    ]);
  });
  it('render is for issued and cancelled documents; a draft is generated instead', () => {
    expect(DOCUMENT_STATUSES.map((status) => code('render', { status }))).toEqual([
      'DOCUMENT_IS_DRAFT',
      'allowed',
      'allowed',
    ]);
  });
  it('a proforma converts once, and only once issued', () => {
    expect(code('convert', { status: 'issued' })).toBe('allowed');
    expect(code('convert', { status: 'issued', convertedToDocumentId: 'doc_2' })).toBe('ALREADY_CONVERTED');
    expect(code('convert', {})).toBe('DOCUMENT_NOT_ISSUED');
  });
  it('refusals about state are conflicts and refusals about data are rules', () => {
    expect(refusalFor('issue', { ...generatedDraft, renderStatus: 'failed' })?.kind).toBe('rule');
    expect(refusalFor('edit', { ...generatedDraft, status: 'issued' })?.kind).toBe('conflict');
  });
});
