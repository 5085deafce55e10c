import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { documentEInvoice } from '../../app/documents/einvoice.ts';
import { documentXlsx } from '../../app/documents/document-xlsx.ts';
import { documentUblSchema, documentXlsxSchema } from './document-outputs.schema.ts';

const fileName = (number: string) => number.replace(/[^A-Za-z0-9._-]/g, '_');

/** Outputs of one document besides its PDF: the XLSX from the operator's template, the e-invoice (UBL). */
export function documentOutputRoutes(app: FastifyInstance, { deps, outputs }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/documents/:id/ubl', { config: { role: 'viewer' }, schema: documentUblSchema }, async (req, reply) => {
    const { document, profile } = await documentEInvoice(deps, callerOf(req), req.params.id, req.query.profile);
    return reply
      .type('application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(document.number)}.xml"`)
      .send(outputs.ubl(document, profile));
  });
  api.get('/documents/:id/xlsx', { config: { role: 'viewer' }, schema: documentXlsxSchema }, async (req, reply) => {
    const file = await documentXlsx(deps, outputs, callerOf(req), req.params.id);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${fileName(file.number ?? `draft-${req.params.id}`)}.xlsx"`)
      .send(file.content);
  });
}
