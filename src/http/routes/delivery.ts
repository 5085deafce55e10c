import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { decodeCursor, toListResponse } from '../schemas/common.ts';
import { missing } from '../../app/errors.ts';
import { getSmtpSettings, putSmtpSettings, testSmtpSettings } from '../../app/delivery/smtp-settings.ts';
import { getDeliverySettings, putDeliverySettings } from '../../app/delivery/delivery-settings.ts';
import { sendDocuments } from '../../app/delivery/queue-email.ts';
import { listDeliveries } from '../../app/delivery/list-deliveries.ts';
import * as s from './delivery.schema.ts';

/** Email delivery: the mail server, how documents are sent, sending, and each document's log. */
export function deliveryRoutes(app: FastifyInstance, { deps, mail }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/settings/smtp', { config: { role: 'admin' }, schema: s.getSmtpSettingsSchema }, async (req) => {
    const settings = await getSmtpSettings(deps, callerOf(req));
    if (!settings) throw missing('SMTP_NOT_CONFIGURED', 'there are no SMTP settings yet');
    return settings;
  });
  api.put('/settings/smtp', { config: { role: 'admin' }, schema: s.putSmtpSettingsSchema }, async (req) =>
    putSmtpSettings(deps, mail, callerOf(req), req.body),
  );
  api.post('/settings/smtp/test', { config: { role: 'admin' }, schema: s.testSmtpSettingsSchema }, async (req) =>
    testSmtpSettings(deps, mail, callerOf(req), req.body.to),
  );
  api.get('/settings/delivery', { config: { role: 'viewer' }, schema: s.getDeliverySettingsSchema }, async (req) =>
    getDeliverySettings(deps, callerOf(req)),
  );
  api.put('/settings/delivery', { config: { role: 'admin' }, schema: s.putDeliverySettingsSchema }, async (req) =>
    putDeliverySettings(deps, mail.messages, callerOf(req), req.body),
  );
  api.post(
    '/documents/:id/send',
    { config: { role: 'accountant' }, schema: s.sendDocumentSchema },
    async (req, reply) => reply.status(202).send((await sendDocuments(deps, callerOf(req), [req.params.id]))[0]),
  );
  api.post('/documents/send', { config: { role: 'accountant' }, schema: s.sendDocumentsSchema }, async (req, reply) =>
    reply.status(202).send({ data: await sendDocuments(deps, callerOf(req), req.body.documentIds) }),
  );
  api.get('/documents/:id/deliveries', { config: { role: 'viewer' }, schema: s.listDeliveriesSchema }, async (req) =>
    toListResponse(
      await listDeliveries(deps, callerOf(req), req.params.id, {
        limit: req.query.limit,
        after: decodeCursor(req.query.cursor),
      }),
    ),
  );
}
