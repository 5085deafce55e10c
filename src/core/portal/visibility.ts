import { DOCUMENT_TYPES, type DocumentType } from '../documents/policy.ts';

/**
 * Which document types a tenant's customers see in the portal (and through customer tokens). A
 * document addressed to the customer is theirs to see unless the operator hides its type, so
 * every type starts visible: turning the setting on changes nothing for a portal in use.
 */
export interface PortalSettings {
  visibleTypes: Record<DocumentType, boolean>;
}

export const DEFAULT_PORTAL_SETTINGS: PortalSettings = {
  visibleTypes: Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, true])) as Record<DocumentType, boolean>,
};

/** The settings as stored in the tenant's settings, defaults filled in and stray keys dropped. */
export function portalSettingsOf(stored: unknown): PortalSettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as { visibleTypes?: Record<string, unknown> };
  const given = s.visibleTypes && typeof s.visibleTypes === 'object' ? s.visibleTypes : {};
  const visibleTypes = { ...DEFAULT_PORTAL_SETTINGS.visibleTypes };
  for (const type of DOCUMENT_TYPES) if (typeof given[type] === 'boolean') visibleTypes[type] = given[type];
  return { visibleTypes };
}

/** The visible types, in the order of DOCUMENT_TYPES. */
export function visibleTypesOf(settings: PortalSettings): DocumentType[] {
  return DOCUMENT_TYPES.filter((t) => settings.visibleTypes[t]);
}
