import { refusedWith } from '../errors.ts';
import type { Session } from '../ports/session.ts';

/** A body names something this tenant does not have: a 422 with the code and the field. */
export const unknownReference = (field: string, code: string, id: string) =>
  refusedWith(code, `${field} ${id} was not found`, [{ field, code, message: 'not found in this tenant' }], {
    field,
  });

export async function assertBillGroupExists(session: Session, tenantId: string, id: string | null | undefined) {
  if (id && !(await session.billGroups.get(tenantId, id)))
    throw unknownReference('billGroupId', 'UNKNOWN_BILL_GROUP', id);
}

export async function assertAllocationConfigurationExists(
  session: Session,
  tenantId: string,
  id: string | null | undefined,
) {
  if (id && !(await session.payments.getConfiguration(tenantId, id)))
    throw unknownReference('allocationConfigurationId', 'UNKNOWN_ALLOCATION_CONFIGURATION', id);
}

export async function assertSchemeExists(session: Session, tenantId: string, schemeId: string | null | undefined) {
  if (schemeId && !(await session.schemes.get(tenantId, schemeId)))
    throw unknownReference('invoicingSchemeId', 'UNKNOWN_INVOICING_SCHEME', schemeId);
}
