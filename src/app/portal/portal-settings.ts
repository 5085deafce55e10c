import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import { notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { portalSettingsOf, type PortalSettings } from '../../core/portal/visibility.ts';
import type { DocumentType } from '../../core/documents/types.ts';

export async function readPortalSettings(s: Session, tenantId: string): Promise<PortalSettings> {
  const tenant = await s.tenancy.getTenant(tenantId);
  if (!tenant) throw notFound('Tenant', tenantId);
  return portalSettingsOf(tenant.settings.portal);
}

export function getPortalSettings(deps: Deps, ctx: CallContext): Promise<PortalSettings> {
  return deps.uow.run((s) => readPortalSettings(s, ctx.tenantId));
}

/** Changes the types given; the others keep their visibility. */
export function putPortalSettings(
  deps: Deps,
  ctx: CallContext,
  input: { visibleTypes?: Partial<Record<DocumentType, boolean>> | undefined },
): Promise<PortalSettings> {
  return deps.uow.run(async (s) => {
    const tenant = await s.tenancy.getTenant(ctx.tenantId);
    if (!tenant) throw notFound('Tenant', ctx.tenantId);
    const before = portalSettingsOf(tenant.settings.portal);
    const after: PortalSettings = { visibleTypes: { ...before.visibleTypes, ...(input.visibleTypes ?? {}) } };
    await s.tenancy.updateTenant(ctx.tenantId, { settings: { ...tenant.settings, portal: after } });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'portal_settings',
      objectId: ctx.tenantId,
      action: 'updated',
      before,
      after,
    });
    return after;
  });
}
