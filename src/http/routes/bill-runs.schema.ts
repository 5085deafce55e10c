import { z } from 'zod';
import { DateString, Instant, id, isoDate, listOf, pageQuery } from '../schemas/common.ts';
import { idempotencyHeaders, json, problems } from '../schemas/responses.ts';
import { safeIdParams } from './usage-schemas.ts';
import { INVOICE_CLOSE_TYPES } from '../../core/bill-groups/terms.ts';

const tags = ['bill runs'];
const STATUSES = ['in_progress', 'completed', 'completed_with_errors'] as const;

const Counts = z
  .object({
    accountsTotal: z.int(),
    accountsBilled: z.int().meta({ description: 'Accounts that passed through billing, whatever it cost' }),
    accountsFailed: z.int(),
    accountsSkipped: z.int().meta({ description: 'Accounts the run had nothing to do for' }),
    invoicesOpened: z.int(),
    invoicesClosed: z.int().meta({ description: 'Open invoices issued (numbered) by the run' }),
  })
  .meta({ id: 'BillRunCounts', description: 'Live counters, moved once per chunk of accounts' });

const run = {
  id: z.string(),
  billGroupId: z.string(),
  billDate: DateString.meta({ description: 'The run bills each account up to the day before this date' }),
  invoiceCloseType: z.enum(INVOICE_CLOSE_TYPES),
  status: z.enum(STATUSES),
  startedBy: z
    .object({ kind: z.enum(['api_key', 'user', 'schedule']), id: z.string() })
    .meta({ description: 'Who started it: an API key, a signed-in user, or the schedule (bill day reached)' }),
  counts: Counts,
  progress: z.object({ chunksDone: z.int(), chunksTotal: z.int() }),
  createdAt: Instant,
  startedAt: Instant,
  finishedAt: Instant.nullable(),
};

export const BillRunSummary = z
  .object(run)
  .meta({ id: 'BillRunSummary', description: 'A bill run in the history list' });

export const BillRun = z
  .object({
    ...run,
    errors: z.array(
      z
        .object({
          customerId: z.string(),
          code: z
            .string()
            .meta({ description: 'UNBILLED_USAGE_TOO_OLD, UNRATED_USAGE, NO_LEGAL_ENTITY, BILLING_FAILED…' }),
          message: z.string(),
          details: z.record(z.string(), z.unknown()),
        })
        .meta({ id: 'BillRunError' }),
    ),
    closedDocumentIds: z
      .array(z.string())
      .meta({ description: 'Invoices the run closed (issued), in the order it numbered them' }),
    notices: z
      .array(
        z
          .object({
            event: z.enum(['started', 'finished']),
            status: z.enum(['queued', 'sent', 'failed', 'skipped']),
            recipients: z.array(z.string()),
            subject: z.string(),
            sentAt: Instant.nullable(),
            error: z
              .object({ code: z.string(), message: z.string() })
              .nullable()
              .meta({ description: 'Why it failed, or why it was skipped: SMTP_NOT_CONFIGURED, NO_STAFF_EMAIL…' }),
          })
          .meta({ id: 'BillRunNotice' }),
      )
      .meta({
        description:
          "Emails to the tenant's staff (delivery settings staffEmails) when the run started and when it ended",
      }),
  })
  .meta({
    id: 'BillRun',
    description: 'One run of a bill group: bills its accounts onto open invoices and closes them per the close type',
    examples: [
      {
        id: 'br_0mx31a2b3000c0ffee000001',
        billGroupId: 'bg_0mx31a2b3000c0ffee000002',
        billDate: '2026-11-01',
        invoiceCloseType: 'post_user_billing',
        status: 'completed',
        startedBy: { kind: 'schedule', id: 'bill-day' },
        counts: {
          accountsTotal: 2,
          accountsBilled: 2,
          accountsFailed: 0,
          accountsSkipped: 0,
          invoicesOpened: 1,
          invoicesClosed: 2,
        },
        progress: { chunksDone: 1, chunksTotal: 1 },
        createdAt: '2026-11-01T06:00:00.000Z',
        startedAt: '2026-11-01T06:00:00.000Z',
        finishedAt: '2026-11-01T06:00:03.000Z',
        errors: [],
        closedDocumentIds: ['doc_0mx31a2b3000c0ffee000003', 'doc_0mx31a2b3000c0ffee000004'],
        notices: [
          {
            event: 'started',
            status: 'sent',
            recipients: ['billing@operator.example'],
            subject: 'Bill run of Monthly on the 1st for 2026-11-01 started (2 accounts)',
            sentAt: '2026-11-01T06:00:01.000Z',
            error: null,
          },
        ],
      },
    ],
  });

export const startBillRunSchema = {
  operationId: 'startBillRun',
  summary: 'Run a bill group: bill its accounts onto open invoices and close them per its close type',
  description:
    'Answers at once with the run in_progress; chunks of accounts are billed by background workers. Without ' +
    "billDate the group's latest bill date (on or before today in the tenant zone) is used. An account with unbilled " +
    "usage older than the group's maximum age, or unrated usage, is an error of that account only. 409 " +
    'BILL_RUN_RUNNING (with billRunId) while a run of the group is going on; 422 UNKNOWN_BILL_GROUP, ' +
    'BILL_DATE_IN_FUTURE.',
  tags,
  headers: idempotencyHeaders,
  body: z
    .object({
      billGroupId: id,
      billDate: isoDate.optional().meta({ description: "Defaults to the group's latest bill date" }),
    })
    .strict(),
  response: { 202: json(BillRun, 'The run, started'), ...problems(409, 422) },
};

export const listBillRunsSchema = {
  operationId: 'listBillRuns',
  summary: 'Bill run history, newest first',
  tags,
  querystring: z.object({ ...pageQuery, status: z.enum(STATUSES).optional(), billGroupId: id.optional() }).strict(),
  response: { 200: json(listOf(BillRunSummary, 'BillRunList'), 'A page of runs'), ...problems() },
};

export const getBillRunSchema = {
  operationId: 'getBillRun',
  summary: 'Status, counters, per-account errors and closed invoices of a bill run',
  tags,
  params: safeIdParams,
  response: { 200: json(BillRun, 'The run'), ...problems(404) },
};
