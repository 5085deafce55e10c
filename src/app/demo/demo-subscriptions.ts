import { Temporal } from 'temporal-polyfill';
import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { createProduct, type ProductCreate } from '../catalog/create-product.ts';
import { createSubscription } from '../subscriptions/create-subscription.ts';
import { suspendSubscription } from '../subscriptions/suspend-subscription.ts';
import { addCharge } from '../charges/add-charge.ts';
import { produceCharges } from '../charges/produce-charges.ts';
import { demoBillingMonth } from './demo-data.ts';

const bundle: ProductCreate = {
  code: 'BUNDLE',
  name: 'Data bundle',
  names: { en: 'Data bundle', ru: 'Пакет мобильного интернета', es: 'Bono de datos' },
  kind: 'recurring',
  period: 'month',
  unit: 'GB',
  priceModel: 'graduated',
  tiers: [
    { upTo: '10', unitPrice: '1.00', flatFee: '2.00' },
    { upTo: '50', unitPrice: '0.50' },
    { upTo: null, unitPrice: '0.25' },
  ],
};

const setup: ProductCreate = {
  code: 'SETUP',
  name: 'Installation',
  names: { en: 'Installation', ru: 'Подключение', es: 'Instalación' },
  kind: 'one_off',
  unit: 'job',
  priceModel: 'flat',
  price: '50.00',
};

export interface DemoCatalogIds {
  products: Record<string, string>;
  /** The customer contract of each demo customer, in customer order. */
  contracts: string[];
}

/**
 * The demo's subscriptions and charges: every contract rents a SIP trunk (billed in advance) and DID
 * numbers (in arrears) since two months before the demo month; one customer's data bundle starts on
 * the 10th of the demo month (prorated); one trunk was suspended for a week. A few unscheduled
 * charges (an installation, data used, a goodwill credit), then the scheduled charges produced for
 * each month up to the demo month, as a monthly run would have.
 */
export async function loadDemoSubscriptions(deps: Deps, ctx: CallContext, ids: DemoCatalogIds): Promise<void> {
  const tenant = await deps.uow.run((s) => s.tenancy.getTenant(ctx.tenantId));
  const month = demoBillingMonth(deps.clock.now(), tenant!.timezone);
  const first = Temporal.PlainDate.from(month.start);
  const day = (months: number, dayOfMonth: number) => first.add({ months }).with({ day: dayOfMonth }).toString();
  const bundleId = (await createProduct(deps, ctx, bundle)).id;
  const setupId = (await createProduct(deps, ctx, setup)).id;
  for (const [index, contractId] of ids.contracts.entries()) {
    const trunk = await createSubscription(deps, ctx, {
      contractId,
      productId: ids.products.SIP10!,
      startDate: day(-2, 1),
      billing: 'in_advance',
    });
    await createSubscription(deps, ctx, {
      contractId,
      productId: ids.products.DID!,
      quantity: String(4 + index * 4),
      startDate: day(-2, 1),
      billing: 'in_arrears',
    });
    if (index === 1) await suspendSubscription(deps, ctx, trunk.id, { from: day(-1, 8), to: day(-1, 14) });
  }
  await createSubscription(deps, ctx, {
    contractId: ids.contracts[0]!,
    productId: bundleId,
    quantity: '25',
    startDate: day(0, 10),
    billing: 'in_arrears',
  });
  await addCharge(deps, ctx, { contractId: ids.contracts[0]!, productId: setupId, date: day(0, 10) });
  await addCharge(deps, ctx, {
    contractId: ids.contracts[2]!,
    productId: ids.products.DATA!,
    quantity: '23',
    date: day(0, 28),
  });
  await addCharge(deps, ctx, {
    contractId: ids.contracts[1]!,
    amount: '-5.00',
    description: 'Goodwill credit for an outage',
    date: day(0, 15),
  });
  for (const months of [-2, -1, 0]) {
    const start = first.add({ months });
    const end = start.add({ months: 1 }).subtract({ days: 1 });
    await produceCharges(deps, ctx, { periodStart: start.toString(), periodEnd: end.toString() });
  }
}
