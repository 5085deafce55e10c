import type { ChargeInput } from '../../src/app/ports/charges.ts';

/** A charge to insert through the charge port: a 50.00 EUR one-off installation unless `over` says otherwise. */
export function chargeInput(
  customerId: string,
  contractId: string,
  over: Partial<ChargeInput> & { id: string },
): ChargeInput & { id: string } {
  return {
    customerId,
    contractId,
    subscriptionId: null,
    productId: null,
    kind: 'unscheduled',
    productKind: 'one_off',
    description: 'Installation',
    quantity: '1',
    unitPrice: '50',
    amount: '50',
    currency: 'EUR',
    taxRate: null,
    servicePeriodStart: null,
    servicePeriodEnd: null,
    date: '2024-02-20',
    billingDate: '2024-02-20',
    fullAmount: null,
    activeDays: null,
    periodDays: null,
    ...over,
  };
}
