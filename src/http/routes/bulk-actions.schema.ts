import { z } from 'zod';
import { BULK_ACTIONS, BULK_ACTION_STATUSES } from '../../core/sessions/bulk-actions.ts';
import { id, idParams, Instant, listOf, pageQuery } from '../schemas/common.ts';
import { idempotencyHeaders, json, problems } from '../schemas/responses.ts';
import { MAX_BULK_DOCUMENTS } from '../../app/bulk-actions/start-bulk-action.ts';

const tags = ['bulk actions'];

const IssueOrder = z.enum(['customer_name', 'account_code']).meta({
  id: 'IssueOrder',
  description:
    'Issue numbers consecutively by customer name (case and accents ignored; default) or by account code in natural order (customers without one last), then by period and id',
});

export const BulkActionBody = z
  .object({
    action: z.enum(BULK_ACTIONS).meta({
      description:
        'issue: number and issue drafts; cancel: cancel issued documents; delete: delete drafts; recalculate: refresh drafts from current customer, sender, usage and charges',
    }),
    documentIds: z.array(id).min(1).max(MAX_BULK_DOCUMENTS),
    issueOrder: IssueOrder.optional(),
    reason: z.string().min(1).max(1000).optional().meta({ description: 'cancel only: recorded on each document' }),
  })
  .strict()
  .meta({ id: 'BulkActionRequest' });

/** The same body without the selection: a generation session's documents are the selection. */
export const SessionBulkBody = z
  .object({ issueOrder: IssueOrder.optional(), reason: z.string().min(1).max(1000).optional() })
  .strict()
  .meta({ id: 'SessionBulkActionRequest' });

export const BulkActionSchema = z
  .object({
    id: z.string(),
    action: z.enum(BULK_ACTIONS),
    status: z.enum(BULK_ACTION_STATUSES),
    generationSessionId: z.string().nullable().meta({ description: 'Set when the selection is a session' }),
    issueOrder: IssueOrder,
    reason: z.string().nullable(),
    startedBy: z.object({ type: z.string(), id: z.string() }),
    counts: z.object({
      total: z.int().meta({ description: 'Documents selected (each id once)' }),
      done: z.int().meta({ description: 'Acted on, or already in the state the action leads to' }),
      failed: z.int(),
      pending: z.int(),
    }),
    errors: z
      .array(z.object({ documentId: z.string(), code: z.string(), message: z.string() }))
      .meta({ description: 'Per document, in processing order (the first 1000; the list view leaves them out)' }),
    createdAt: Instant,
    startedAt: Instant.nullable(),
    finishedAt: Instant.nullable(),
  })
  .meta({
    id: 'BulkAction',
    description: 'One action over many documents, run in the background; each document succeeds or fails alone',
    examples: [
      {
        id: 'bulk_0mx31a2b3000c0ffee000001',
        action: 'issue',
        status: 'completed_with_errors',
        generationSessionId: null,
        issueOrder: 'customer_name',
        reason: null,
        startedBy: { type: 'api_key', id: 'key_0mx31a2b3000c0ffee000001' },
        counts: { total: 3, done: 2, failed: 1, pending: 0 },
        errors: [{ documentId: 'doc_x', code: 'NOT_FOUND', message: 'Document doc_x was not found' }],
        createdAt: '2026-11-30T08:40:00.000Z',
        startedAt: '2026-11-30T08:40:00.100Z',
        finishedAt: '2026-11-30T08:40:01.000Z',
      },
    ],
  });

export const startBulkActionSchema = {
  operationId: 'createBulkAction',
  summary: 'Issue, cancel, delete or recalculate many documents',
  description:
    "Answers 202 at once; poll the bulk action. Each document is handled by the same rules as its single action and commits on its own: a refused document (another tenant's: NOT_FOUND; issued where only drafts are allowed: DOCUMENT_NOT_DRAFT; …) is listed in errors and changes nothing, the others go ahead. Safe to repeat: documents already issued (for issue) or cancelled (for cancel), and drafts already deleted, count as done; issued documents keep their numbers.",
  tags,
  headers: idempotencyHeaders,
  body: BulkActionBody,
  response: { 202: json(BulkActionSchema, 'Accepted; poll the bulk action'), ...problems() },
};

export const getBulkActionSchema = {
  operationId: 'getBulkAction',
  summary: 'Status, counts and per-document errors of a bulk action',
  tags,
  params: idParams,
  response: { 200: json(BulkActionSchema, 'The bulk action'), ...problems(404) },
};

export const listBulkActionsSchema = {
  operationId: 'listBulkActions',
  summary: 'List bulk actions, oldest first',
  tags,
  querystring: z.object(pageQuery).strict(),
  response: { 200: json(listOf(BulkActionSchema, 'BulkActionList'), 'A page of bulk actions'), ...problems() },
};
