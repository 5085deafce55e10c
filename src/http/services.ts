import type { Deps } from '../app/deps.ts';

/** What the routes can call: the use-case dependencies, wired once in main.ts. */
export interface HttpServices {
  deps: Deps;
  /** Checks the database answers; used by /healthz. */
  ping(): Promise<void>;
  version: string;
}
