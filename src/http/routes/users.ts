import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { HttpServices } from '../services.ts';
import { callerOf } from '../auth.ts';
import { inviteUser } from '../../app/users/invite-user.ts';
import { endSessionsOf, getUser, listUsers, updateUser } from '../../app/users/manage-users.ts';
import { createPasswordResetLink } from '../../app/users/password-reset.ts';
import {
  createResetLinkSchema,
  endUserSessionsSchema,
  getUserSchema,
  inviteCustomerUserSchema,
  inviteStaffSchema,
  listUsersSchema,
  updateUserSchema,
} from './users.schema.ts';

export function userRoutes(app: FastifyInstance, { deps }: HttpServices) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/users', { config: { role: 'admin' }, schema: listUsersSchema }, async (req) => ({
    data: await listUsers(deps, callerOf(req), req.query),
    nextCursor: null,
  }));
  api.get('/users/:id', { config: { role: 'admin' }, schema: getUserSchema }, async (req) =>
    getUser(deps, callerOf(req), req.params.id),
  );
  api.post(
    '/users',
    { config: { role: 'admin', secretFields: ['invitation'] }, schema: inviteStaffSchema },
    async (req, reply) => reply.status(201).send(await inviteUser(deps, callerOf(req), { kind: 'staff', ...req.body })),
  );
  // Accountants look after customers, so they may also give them portal access.
  api.post(
    '/customers/:id/users',
    { config: { role: 'accountant', secretFields: ['invitation'] }, schema: inviteCustomerUserSchema },
    async (req, reply) =>
      reply
        .status(201)
        .send(await inviteUser(deps, callerOf(req), { kind: 'customer', customerId: req.params.id, ...req.body })),
  );
  api.patch('/users/:id', { config: { role: 'admin' }, schema: updateUserSchema }, async (req) =>
    updateUser(deps, callerOf(req), req.params.id, req.body),
  );
  api.post('/users/:id/password-reset', { config: { role: 'admin' }, schema: createResetLinkSchema }, async (req) =>
    createPasswordResetLink(deps, callerOf(req), req.params.id),
  );
  api.delete(
    '/users/:id/sessions',
    { config: { role: 'admin' }, schema: endUserSessionsSchema },
    async (req, reply) => {
      await endSessionsOf(deps, callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
