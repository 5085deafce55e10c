import type { WebhookTransport } from '../ports/webhooks.ts';
import type { RetryPolicy } from '../../core/webhooks/index.ts';

/** How webhooks are sent; wired once in main.ts from the environment (docs/webhooks.md). */
export interface WebhookConfig {
  transport: WebhookTransport;
  retry: RetryPolicy;
  /** A request that has not answered in this time counts as a failed attempt. */
  timeoutMs: number;
}
