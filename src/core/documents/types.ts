// The document vocabulary, declared once: the domain, the use cases, the database adapter and the
// HTTP contract all take these lists from here.

import type { ComputedLineKind } from '../invoice/types.ts';
import type { DocumentStatus } from './lifecycle.ts';
import type { PaymentStatus } from '../payments/payment-status.ts';

export { DOCUMENT_TYPES, type DocumentType } from './policy.ts';
export type { DocumentStatus, PaymentStatus };

/** The lifecycle states (see lifecycle.ts), as a list for schemas. */
export const DOCUMENT_STATUSES = ['draft', 'issued', 'cancelled'] as const satisfies readonly DocumentStatus[];

/** Payable documents only; null on drafts and on types nobody pays (acts, reconciliations). */
export const PAYMENT_STATUSES = [
  'unpaid',
  'partially_paid',
  'paid',
  'overdue',
] as const satisfies readonly PaymentStatus[];

/** `on_view`: nothing is rendered until the first download, which renders the current state once. */
export const RENDER_STATUSES = ['waiting', 'processing', 'created', 'failed', 'on_view'] as const;
export type RenderStatus = (typeof RENDER_STATUSES)[number];

/** A document line as stored and shown: amounts are decimal strings already rounded. */
export interface DocumentLineAmounts {
  kind: LineKind;
  description: string;
  destination: string | null;
  prefix: string | null;
  quantity: string;
  unit: string;
  durationSeconds: number | null;
  unitPrice: string | null;
  net: string;
  taxRate: string;
  tax: string;
  gross: string;
}

/** What a line bills: usage per destination, a fixed cost, the call discount or a charge. */
export type LineKind = ComputedLineKind;
