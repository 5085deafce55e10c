import { openRuntime, type GlobalOptions } from './runtime.ts';
import { roles, type CallContext, type Role } from '../app/context.ts';
import { unreadable } from '../app/errors.ts';
import { getTenant } from '../app/tenancy/tenant-settings.ts';
import { createApiKey } from '../app/tenancy/api-keys.ts';

export interface ApiKeyCreateOptions extends GlobalOptions {
  tenant: string;
  role: string;
  name?: string;
  json?: boolean;
}

/**
 * `tollbook api-key create`: mints a key for an existing tenant from the server's shell, the way
 * back in when a tenant has lost its admin keys. Whoever can run this can read the database anyway.
 */
export async function apiKeyCreateCommand(opts: ApiKeyCreateOptions) {
  if (!roles.includes(opts.role as Role)) throw unreadable('INVALID_ROLE', `--role must be one of ${roles.join(', ')}`);
  const runtime = await openRuntime(opts);
  try {
    const ctx: CallContext = { tenantId: opts.tenant, actor: { type: 'system', id: 'cli' }, role: 'admin' };
    await getTenant(runtime.deps, ctx);
    const name = opts.name ?? `${opts.role} key (command line)`;
    const { apiKey, key } = await createApiKey(runtime.deps, ctx, { name, role: opts.role as Role });
    if (opts.json)
      process.stdout.write(
        `${JSON.stringify({ id: apiKey.id, tenantId: apiKey.tenantId, role: apiKey.role, apiKey: key })}\n`,
      );
    else process.stdout.write(`API key ${apiKey.id} (${apiKey.role}) created\nkey (shown once): ${key}\n`);
  } finally {
    await runtime.close();
  }
}
