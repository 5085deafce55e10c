import type { Clock } from './context.ts';
import type { UnitOfWork } from './ports/session.ts';

/** What every use case needs; feature use cases take more through their own parameters. */
export interface Deps {
  uow: UnitOfWork;
  clock: Clock;
}
