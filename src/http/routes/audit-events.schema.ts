import { z } from 'zod';
import { Instant, listOf, pageQuery } from '../schemas/common.ts';
import { json, problems } from '../schemas/responses.ts';

export const AuditEvent = z
  .object({
    id: z.string(),
    actorType: z.string().meta({ examples: ['api_key', 'system'] }),
    actorId: z.string(),
    at: Instant,
    objectType: z.string().meta({ examples: ['customer', 'document'] }),
    objectId: z.string(),
    action: z.string().meta({ examples: ['created', 'updated', 'issued'] }),
    before: z.unknown().meta({ description: 'The object before the change; null on creation' }),
    after: z.unknown().meta({ description: 'The object after the change; null on deletion' }),
  })
  .meta({ id: 'AuditEvent', description: 'One change: who, when, what, before and after' });

export const listAuditEventsSchema = {
  operationId: 'listAuditEvents',
  summary: 'List audit events',
  description: 'Append-only record of every change, oldest first.',
  tags: ['audit'],
  querystring: z
    .object({ objectId: z.string().max(100).optional(), objectType: z.string().max(50).optional(), ...pageQuery })
    .strict(),
  response: { 200: json(listOf(AuditEvent, 'AuditEventList'), 'A page of events'), ...problems() },
};
