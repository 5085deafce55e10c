import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { WebhookTransport } from '../ports/webhooks.ts';
import { createEndpoint } from '../webhooks/manage-endpoints.ts';
import { listEvents } from '../webhooks/query-webhooks.ts';
import { replayEvent } from '../webhooks/replay-event.ts';

/** Where the demo's webhook endpoint points: this machine only, so the demo sends nothing elsewhere. */
export const DEMO_WEBHOOK_URL = 'http://127.0.0.1:8787/tollbook-webhooks';

/**
 * The demo's webhook endpoint, added after its documents and payments: their events are recorded
 * (GET /webhook-events), and the first one is replayed to the endpoint so that its delivery log
 * has an entry. Nothing needs to listen on the port: the log then shows a refused attempt waiting
 * for its retry; a receiver started there (docs/webhooks.md) gets the events from now on.
 */
export function demoWebhooksStep(deps: Deps, transport: WebhookTransport, progress: (line: string) => void) {
  return async (ctx: CallContext) => {
    // The URL is loopback by design; the runtime's target policy still decides whether it is called.
    const acceptDemoUrl: WebhookTransport = { checkUrl: async () => null, post: transport.post.bind(transport) };
    const endpoint = await createEndpoint(deps, acceptDemoUrl, ctx, {
      url: DEMO_WEBHOOK_URL,
      events: ['document.issued', 'document.paid', 'document.overdue', 'payment.received'],
      description: 'Demo receiver on this machine',
    });
    const [first] = (await listEvents(deps, ctx, { type: 'document.issued' }, { limit: 1 })).data;
    if (first) await replayEvent(deps, ctx, first.id, { endpointId: endpoint.id });
    progress(`webhook endpoint ${endpoint.id} → ${DEMO_WEBHOOK_URL} (signing secret ${endpoint.secret})`);
  };
}
