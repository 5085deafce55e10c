import type { Deps } from '../deps.ts';
import type { CallContext, Role } from '../context.ts';
import type { ApiKeyRecord } from '../ports/tenancy.ts';
import { AppError, notFound } from '../errors.ts';
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

export async function revokeApiKey(deps: Deps, ctx: CallContext, id: string): Promise<ApiKeyRecord> {
  return deps.uow.run(async (session) => {
    const revoked = await session.tenancy.revokeApiKey(ctx.tenantId, id, deps.clock.now().toString());
    if (!revoked) throw notFound('API key', id);
    await recordChange(session, ctx, deps.clock, {
      objectType: 'api_key',
      objectId: id,
      action: 'revoked',
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
  if (!record || record.revokedAt)
    throw new AppError('unauthorized', 'INVALID_API_KEY', 'The API key is unknown or revoked');
  return { tenantId: record.tenantId, actor: { type: 'api_key', id: record.id }, role: record.role };
}
