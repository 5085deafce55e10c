import type { LifecycleRefusal } from '../../core/documents/lifecycle.ts';
import { conflict, refused } from '../errors.ts';

/** Answers a lifecycle refusal: 409 for the document's state, 422 for a rule it breaks. */
export function refuseIf(refusal: LifecycleRefusal | null): void {
  if (!refusal) return;
  throw refusal.kind === 'conflict' ? conflict(refusal.code, refusal.detail) : refused(refusal.code, refusal.detail);
}
