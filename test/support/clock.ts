import { Temporal } from 'temporal-polyfill';
import type { Clock } from '../../src/app/context.ts';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  private current: Temporal.Instant;
  constructor(start = '2026-01-15T10:00:00Z') {
    this.current = Temporal.Instant.from(start);
  }
  now() {
    return this.current;
  }
  set(instant: string) {
    this.current = Temporal.Instant.from(instant);
  }
}
