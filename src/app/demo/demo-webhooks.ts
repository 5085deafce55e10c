import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { WebhookTransport } from '../ports/webhooks.ts';
import { createEndpoint } from '../webhooks/manage-endpoints.ts';

/** Where the demo's webhook endpoint points: this machine only, so the demo sends nothing elsewhere. */
export const DEMO_WEBHOOK_URL = 'http://127.0.0.1:8787/tollbook-webhooks';

/**
 * The demo's webhook endpoint, added before its documents and payments so that their events fill
 * the endpoint's delivery log. Nothing needs to listen on the port: the log then shows refused
 * attempts being retried with back-off; a receiver started there (docs/webhooks.md) gets them.
 */
export function demoWebhooksStep(deps: Deps, transport: WebhookTransport, progress: (line: string) => void) {
  return async (ctx: CallContext) => {
    // The URL is loopback by design; the runtime's policy still decides whether it is called.
    const acceptDemoUrl: WebhookTransport = { checkUrl: async () => null, post: transport.post.bind(transport) };
    const endpoint = await createEndpoint(deps, acceptDemoUrl, ctx, {
      url: DEMO_WEBHOOK_URL,
      events: ['document.issued', 'document.paid', 'document.overdue', 'payment.received'],
      description: 'Demo receiver on this machine',
    });
    progress(`webhook endpoint ${endpoint.id} → ${DEMO_WEBHOOK_URL} (signing secret ${endpoint.secret})`);
  };
}
