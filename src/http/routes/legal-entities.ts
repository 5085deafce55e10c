import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { address, idParams } from '../schemas/common.ts';
import {
  createLegalEntity,
  getLegalEntity,
  listLegalEntities,
  updateLegalEntity,
} from '../../app/tenancy/legal-entities.ts';

const bank = z
  .object({
    name: z.string().max(200).optional(),
    iban: z
      .string()
      .regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, 'must be an IBAN without spaces')
      .optional(),
    bic: z
      .string()
      .regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'must be a BIC')
      .optional(),
    account: z.string().max(40).optional(),
    correspondentAccount: z.string().max(40).optional(),
    bik: z.string().max(20).optional(),
  })
  .strict();

const fields = {
  name: z.string().min(1).max(300),
  taxId: z.string().max(50).nullable().optional(),
  kpp: z.string().max(20).nullable().optional(),
  address: address.nullable().optional(),
  bank: bank.nullable().optional(),
  email: z.email().nullable().optional(),
  phone: z.string().max(40).nullable().optional(),
  isDefault: z.boolean().optional(),
};

export function legalEntityRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/legal-entities',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['legal entities'],
        summary: 'An invoice sender; the first is the default',
        body: z.object(fields).strict(),
      },
    },
    async (req, reply) => {
      const b = req.body;
      const entity = await createLegalEntity(deps, callerOf(req), {
        name: b.name,
        taxId: b.taxId ?? null,
        kpp: b.kpp ?? null,
        address: b.address ?? null,
        bank: (b.bank as Record<string, string> | null | undefined) ?? null,
        email: b.email ?? null,
        phone: b.phone ?? null,
        isDefault: b.isDefault ?? false,
      });
      return reply.status(201).send(entity);
    },
  );
  api.get('/legal-entities', { config: { role: 'viewer' }, schema: { tags: ['legal entities'] } }, async (req) => ({
    data: await listLegalEntities(deps, callerOf(req)),
    nextCursor: null,
  }));
  api.get(
    '/legal-entities/:id',
    { config: { role: 'viewer' }, schema: { tags: ['legal entities'], params: idParams } },
    async (req) => getLegalEntity(deps, callerOf(req), req.params.id),
  );
  api.patch(
    '/legal-entities/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['legal entities'],
        params: idParams,
        body: z.object({ ...fields, name: fields.name.optional() }).strict(),
      },
    },
    async (req) => {
      const patch = Object.fromEntries(Object.entries(req.body).filter(([, v]) => v !== undefined));
      return updateLegalEntity(deps, callerOf(req), req.params.id, patch);
    },
  );
}
