import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { MessageRenderer } from '../ports/mail.ts';
import { invalid, notFound, type FieldError } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import {
  deliverySettingsOf,
  isEmailAddress,
  type DeliverySettings,
  type MessageTemplate,
  type RecipientRule,
} from '../../core/delivery/index.ts';
import type { DocumentType } from '../../core/documents/types.ts';

export interface DeliverySettingsInput {
  sendIntervalMinutes?: number | undefined;
  autoSend?: Partial<Record<DocumentType, boolean>> | undefined;
  recipients?: RecipientRule | undefined;
  staffEmails?: string[] | undefined;
  attachments?: { xlsx?: boolean | undefined; ubl?: boolean | undefined } | undefined;
  messageTemplates?: Record<string, MessageTemplate> | undefined;
}

export async function getDeliverySettings(deps: Deps, ctx: CallContext): Promise<DeliverySettings> {
  const tenant = await deps.uow.run((s) => s.tenancy.getTenant(ctx.tenantId));
  if (!tenant) throw notFound('Tenant', ctx.tenantId);
  return deliverySettingsOf(tenant.settings.delivery);
}

/** Changes the fields given; the others keep their values. Templates are checked before they are kept. */
export async function putDeliverySettings(
  deps: Deps,
  messages: MessageRenderer,
  ctx: CallContext,
  input: DeliverySettingsInput,
): Promise<DeliverySettings> {
  const errors: FieldError[] = [];
  (input.staffEmails ?? []).forEach((e, i) => {
    if (!isEmailAddress(e))
      errors.push({ field: `staffEmails[${i}]`, code: 'INVALID_EMAIL', message: `${e} is not an email address` });
  });
  for (const [key, template] of Object.entries(input.messageTemplates ?? {})) {
    if (!/^((invoice|proforma|act|vat_invoice|credit_note|reconciliation)\.)?(en|ru)$/.test(key))
      errors.push({
        field: `messageTemplates.${key}`,
        code: 'INVALID_TEMPLATE_KEY',
        message: 'keys are a language ("en", "ru") or a type and a language ("invoice.ru")',
      });
    for (const part of ['subject', 'body'] as const) {
      const problem = messages.check(template[part]);
      if (problem)
        errors.push({ field: `messageTemplates.${key}.${part}`, code: 'TEMPLATE_INVALID', message: problem });
    }
  }
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (s) => {
    const tenant = await s.tenancy.getTenant(ctx.tenantId);
    if (!tenant) throw notFound('Tenant', ctx.tenantId);
    const before = deliverySettingsOf(tenant.settings.delivery);
    const after: DeliverySettings = {
      sendIntervalMinutes: input.sendIntervalMinutes ?? before.sendIntervalMinutes,
      autoSend: { ...before.autoSend, ...(input.autoSend ?? {}) },
      recipients: input.recipients ?? before.recipients,
      staffEmails: input.staffEmails ?? before.staffEmails,
      attachments: {
        xlsx: input.attachments?.xlsx ?? before.attachments.xlsx,
        ubl: input.attachments?.ubl ?? before.attachments.ubl,
      },
      messageTemplates: input.messageTemplates ?? before.messageTemplates,
    };
    await s.tenancy.updateTenant(ctx.tenantId, { settings: { ...tenant.settings, delivery: after } });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'delivery_settings',
      objectId: ctx.tenantId,
      action: 'updated',
      before,
      after,
    });
    return after;
  });
}
