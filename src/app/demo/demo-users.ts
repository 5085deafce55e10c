import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { createActiveUser, type Invitee } from '../users/invite-user.ts';

export interface DemoLogin {
  email: string;
  password: string;
}

/**
 * The people of the demo: an admin of the operator, and a portal user of its first customer (Acme
 * Logistics), each with a fresh random password printed once. An email names one user in the whole
 * installation, so a second demo in the same database gets numbered addresses.
 */
export async function loadDemoUsers(
  deps: Deps,
  ctx: CallContext,
  customerIds: string[],
): Promise<{ staff: DemoLogin; portal: DemoLogin }> {
  const taken = async (email: string) => deps.uow.run((s) => s.users.emailTaken(email));
  let suffix = '';
  for (let n = 2; await taken(`admin${suffix}@costa-telecom.example`); n++) suffix = `${n}`;
  const make = async (invitee: Invitee): Promise<DemoLogin> => {
    const password = randomBytes(9).toString('base64url');
    await createActiveUser(deps, ctx, invitee, password);
    return { email: invitee.email, password };
  };
  const staff = await make({
    kind: 'staff',
    role: 'admin',
    email: `admin${suffix}@costa-telecom.example`,
    name: 'Lucía Costa',
  });
  const portal = await make({
    kind: 'customer',
    customerId: customerIds[0]!,
    email: `portal${suffix}@acme-logistics.example`,
    name: 'Acme accounts payable',
  });
  return { staff, portal };
}
