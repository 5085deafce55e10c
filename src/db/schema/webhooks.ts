import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './common.ts';
import { tenants } from './tenancy.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

// Where a tenant wants its events. The signing secret must be readable to sign with, so it is
// stored as is and never answered by the API after creation; a rotation keeps the previous secret
// until `previous_secret_expires_at`, and both sign meanwhile.
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    url: text('url').notNull(),
    events: jsonb('events').$type<string[]>().notNull(),
    description: text('description'),
    enabled: boolean('enabled').notNull().default(true),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: instant('previous_secret_expires_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId, t.id)],
);

// The outbox: an event row is written in the transaction of the change it reports, with its
// payload frozen, so a replay sends the same body.
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: instant('occurred_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('webhook_events_tenant_idx').on(t.tenantId, t.id),
    index('webhook_events_type_idx').on(t.tenantId, t.type, t.id),
  ],
);

// One event for one endpoint: its attempts, and where it stands (pending → delivered | failed).
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: text('event_id')
      .notNull()
      .references(() => webhookEvents.id),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    attemptLog: jsonb('attempt_log').$type<unknown[]>().notNull().default([]),
    nextAttemptAt: instant('next_attempt_at'),
    deliveredAt: instant('delivered_at'),
    lastError: text('last_error'),
    replayOf: text('replay_of'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('webhook_deliveries_endpoint_idx').on(t.tenantId, t.endpointId, t.id),
    index('webhook_deliveries_event_idx').on(t.tenantId, t.eventId),
  ],
);
