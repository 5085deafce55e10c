import type { Clock } from './context.ts';
import type { UnitOfWork } from './ports/session.ts';
import type { Processes } from './ports/processes.ts';
import type { AccountMailer } from './ports/account-mail.ts';

/** What every use case needs; feature use cases take more through their own parameters. */
export interface Deps {
  uow: UnitOfWork;
  clock: Clock;
  /** Asks the operating system whether a recorded process still runs (locks, CLI imports). */
  processes?: Processes;
  /** Invitations and password reset links; without it nothing is emailed. */
  accountMail?: AccountMailer;
}
