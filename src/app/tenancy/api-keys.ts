import type { Deps } from '../deps.ts';
import type { CallContext, Role } from '../context.ts';
import type { ApiKeyRecord } from '../ports/tenancy.ts';
import { conflict, notFound, unauthorized } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { generateApiKey, hashApiKey } from './api-key-secret.ts';

export async function createApiKey(
  deps: Deps,
  ctx: CallContext,
  input: { name: string; role: Role },
): Promise<{ apiKey: ApiKeyRecord; key: string }> {
  return deps.uow.run(async (session) => {
    const secret = generateApiKey();
    const apiKey = await session.tenancy.insertApiKey(
      { id: newId('key'), tenantId: ctx.tenantId, name: input.name, role: input.role, keyPrefix: secret.prefix },
      secret.hash,
    );
    await recordChange(session, ctx, deps.clock, {
      objectType: 'api_key',
      objectId: apiKey.id,
      action: 'created',
      after: apiKey,
    });
    return { apiKey, key: secret.key };
  });
}

/**
 * Revokes a key. The tenant's last active admin key is refused: without it nobody could mint keys
 * again through the API. The admin keys are locked first, so two revocations at once cannot each
 * leave the other as the last one and then both succeed.
 */
export async function revokeApiKey(deps: Deps, ctx: CallContext, id: string): Promise<ApiKeyRecord> {
  return deps.uow.run(async (session) => {
    const admins = await session.tenancy.lockActiveAdminKeys(ctx.tenantId);
    if (admins.length === 1 && admins[0] === id)
      throw conflict(
        'LAST_ADMIN_KEY',
        `API key ${id} is the tenant's last active admin key; create another admin key before revoking it`,
      );
    const existing = (await session.tenancy.listApiKeys(ctx.tenantId)).find((k) => k.id === id);
    if (!existing) throw notFound('API key', id);
    if (existing.revokedAt) return existing;
    const revoked = (await session.tenancy.revokeApiKey(ctx.tenantId, id, deps.clock.now().toString()))!;
    await recordChange(session, ctx, deps.clock, {
      objectType: 'api_key',
      objectId: id,
      action: 'revoked',
      before: existing,
      after: revoked,
    });
    return revoked;
  });
}

export function listApiKeys(deps: Deps, ctx: CallContext): Promise<ApiKeyRecord[]> {
  return deps.uow.run((session) => session.tenancy.listApiKeys(ctx.tenantId));
}

/** Resolves a presented key to the caller; unknown and revoked keys are refused alike. */
export async function authenticateApiKey(deps: Deps, key: string): Promise<CallContext> {
  const record = await deps.uow.run((session) => session.tenancy.findApiKeyByHash(hashApiKey(key)));
  if (!record || record.revokedAt) throw unauthorized('INVALID_API_KEY', 'The API key is unknown or revoked');
  return { tenantId: record.tenantId, actor: { type: 'api_key', id: record.id }, role: record.role };
}
