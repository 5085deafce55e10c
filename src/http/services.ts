import type { Deps } from '../app/deps.ts';
import type { DocumentRenderer } from '../app/ports/rendering.ts';
import type { OutputWriters } from '../app/ports/outputs.ts';
import type { WebhookConfig } from '../app/webhooks/webhook-config.ts';
import type { MailServices } from '../app/ports/mail.ts';

/** What the routes can call: the use-case dependencies, wired once in main.ts. */
export interface HttpServices {
  deps: Deps;
  renderer: DocumentRenderer;
  /** UBL, XLSX and export writers. */
  outputs: OutputWriters;
  /** Outbound webhooks: URL checks when endpoints are saved. */
  webhooks: WebhookConfig;
  /** SMTP transport, secret box and message templates (email delivery). */
  mail: MailServices;
  /** Checks the database answers; used by /healthz. */
  ping(): Promise<void>;
  version: string;
}
