import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import type { PaymentFilter } from '../ports/payments.ts';
import { presentPayment, type PaymentOut } from './present.ts';

export function listPayments(
  deps: Deps,
  ctx: CallContext,
  filter: PaymentFilter,
  page: PageRequest,
): Promise<Page<PaymentOut>> {
  return deps.uow.run(async (s) => {
    const found = await s.payments.listPayments(ctx.tenantId, filter, page);
    const ids = found.data.map((p) => p.id);
    const rows = await s.payments.allocationsOfPayments(ctx.tenantId, ids);
    const reversals = await s.payments.reversalsOf(ctx.tenantId, ids);
    return {
      next: found.next,
      data: found.data.map((p) =>
        presentPayment(
          p,
          rows.filter((r) => r.paymentId === p.id),
          reversals.find((r) => r.paymentId === p.id) ?? null,
        ),
      ),
    };
  });
}
