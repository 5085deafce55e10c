import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { idParams } from '../schemas/common.ts';
import { json, problems } from '../schemas/responses.ts';
import { customerBalance, customerStatement } from '../../app/payments/customer-balance.ts';
import { documentTotals, paymentsReceivedReport, receivablesReport } from '../../app/payments/reports.ts';
import {
  balanceSchema,
  paymentsReceivedSchema,
  periodQuery,
  receivablesSchema,
  statementQuery,
  statementSchema,
  totalsQuery,
  totalsSchema,
} from './payments.schema.ts';

/** Customer balance and statement, and the money reports. */
export function paymentReportRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/customers/:id/balance',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getCustomerBalance',
        summary: "The customer's outstanding debt, overdue part, credit and balance",
        tags: ['customers'],
        params: idParams,
        response: { 200: json(balanceSchema, 'The balance'), ...problems(404) },
      },
    },
    async (req) => customerBalance(deps, callerOf(req), req.params.id),
  );
  api.get(
    '/customers/:id/statement',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getCustomerStatement',
        summary: 'Documents, payments, allocations, credit notes and reversals with a running balance',
        tags: ['customers'],
        params: idParams,
        querystring: statementQuery,
        response: { 200: json(statementSchema, 'The statement'), ...problems(400, 404) },
      },
    },
    async (req) => customerStatement(deps, callerOf(req), req.params.id, req.query),
  );
  const tags = ['payments'];
  api.get(
    '/reports/document-totals',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getDocumentTotals',
        summary: 'Issued invoices summed in a viewing currency (frozen rate to base, current rate onwards)',
        tags,
        querystring: totalsQuery,
        response: { 200: json(totalsSchema, 'The totals'), ...problems(400, 422) },
      },
    },
    async (req) => documentTotals(deps, callerOf(req), req.query.currency),
  );
  api.get(
    '/reports/receivables',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getReceivables',
        summary: 'Outstanding and overdue per customer and in total, with ageing buckets',
        tags,
        response: { 200: json(receivablesSchema, 'The receivables'), ...problems(400) },
      },
    },
    async (req) => receivablesReport(deps, callerOf(req)),
  );
  api.get(
    '/reports/payments-received',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getPaymentsReceived',
        summary: 'Payments received per month and currency',
        tags,
        querystring: periodQuery,
        response: { 200: json(paymentsReceivedSchema, 'Payments per period'), ...problems(400) },
      },
    },
    async (req) => paymentsReceivedReport(deps, callerOf(req), req.query),
  );
}
