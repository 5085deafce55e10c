import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { MailServices } from '../ports/mail.ts';
import { listDocuments } from '../documents/queries.ts';
import { putSmtpSettings } from './smtp-settings.ts';
import { putDeliverySettings } from './delivery-settings.ts';
import { sendDocuments } from './queue-email.ts';

/**
 * The demo's email: an outgoing server on a loopback port (nothing leaves the machine; with no
 * server listening there, attempts are refused and retried, as the log then shows), the default
 * sending rhythm, and the newest issued invoice queued for its customer.
 */
export function demoDeliveryStep(deps: Deps, mail: MailServices, progress: (line: string) => void) {
  return async (ctx: CallContext) => {
    await putSmtpSettings(deps, mail, ctx, {
      host: '127.0.0.1',
      port: 2525,
      tls: 'none',
      user: mail.secrets.available ? 'billing' : null,
      password: mail.secrets.available ? 'demo-password' : null,
      from: 'billing@costa-telecom.example',
      fromName: 'Costa Telecom billing',
      replyTo: 'accounts@costa-telecom.example',
    });
    // Staff hear of bill runs from now on (the demo's own runs came before the SMTP settings:
    // their notices say SMTP_NOT_CONFIGURED).
    await putDeliverySettings(deps, mail.messages, ctx, {
      sendIntervalMinutes: 10,
      recipients: 'customer',
      staffEmails: ['billing-team@costa-telecom.example'],
    });
    const issued = (await listDocuments(deps, ctx, { type: 'invoice', status: 'issued' }, { limit: 1 })).data[0];
    if (!issued) return;
    const [delivery] = await sendDocuments(deps, ctx, [issued.id]);
    progress(
      `demo: SMTP settings point to 127.0.0.1:2525; invoice ${issued.number} ${delivery!.status} for ${delivery!.recipients.join(', ') || 'nobody'} (GET /api/v1/documents/${issued.id}/deliveries)`,
    );
  };
}
