import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { createSequence } from '../documents/number-sequences.ts';
import { createInvoicingScheme } from '../catalog/create-invoicing-scheme.ts';
import { createProduct, type ProductCreate } from '../catalog/create-product.ts';
import { createContract } from '../catalog/create-contract.ts';
import type { DemoCatalogIds } from './demo-subscriptions.ts';

const products: ProductCreate[] = [
  {
    code: 'SIP10',
    name: 'SIP trunk, 10 channels',
    names: { en: 'SIP trunk, 10 channels', ru: 'SIP-транк, 10 каналов', es: 'Troncal SIP, 10 canales' },
    kind: 'recurring',
    period: 'month',
    unit: 'trunk',
    priceModel: 'flat',
    price: '30.00',
  },
  {
    code: 'DID',
    name: 'DID numbers',
    names: { en: 'DID numbers', ru: 'Городские номера', es: 'Números DID' },
    kind: 'recurring',
    period: 'month',
    unit: 'number',
    priceModel: 'package',
    price: '5.00',
    packageSize: '10',
    freeUnits: '2',
    allowOverlap: true,
  },
  {
    code: 'DATA',
    name: 'Mobile data',
    names: { en: 'Mobile data', ru: 'Мобильный интернет', es: 'Datos móviles' },
    kind: 'usage',
    unit: 'GB',
    priceModel: 'graduated',
    tiers: [
      { upTo: '10', unitPrice: '1.00', flatFee: '2.00' },
      { upTo: '50', unitPrice: '0.50' },
      { upTo: null, unitPrice: '0.25' },
    ],
  },
];

/**
 * The demo's catalog: a SIP trunk, DID numbers in packages and a data bundle with graduated tiers;
 * a retail scheme (the default) and a business one; and a basic contract per customer group, from
 * which every demo customer gets its contract. Business customers are billed under the business
 * scheme through their basic contract; its PDFs are rendered on first view.
 */
export async function loadDemoCatalog(deps: Deps, ctx: CallContext, customerIds: string[]): Promise<DemoCatalogIds> {
  const invoices = await createSequence(deps, ctx, {
    name: 'Scheme invoices',
    documentType: 'invoice',
    prefix: 'SI',
    padding: 5,
    increment: 1,
    start: 1,
    reset: 'yearly',
    pattern: '{PREFIX}-{YYYY}-{SEQ}',
  });
  const proformas = await createSequence(deps, ctx, {
    name: 'Proformas',
    documentType: 'proforma',
    prefix: 'PF',
    padding: 5,
    increment: 1,
    start: 1,
    reset: 'never',
    pattern: null,
  });
  const common = { invoiceNumberSequenceId: invoices.id, proformaNumberSequenceId: proformas.id, taxRate: '21' };
  await createInvoicingScheme(deps, ctx, { name: 'Retail', paymentTermsDays: 14, ...common });
  const business = await createInvoicingScheme(deps, ctx, {
    name: 'Business',
    paymentTermsDays: 30,
    callDiscountPercent: '5',
    proformaIncludesUnscheduled: true,
    // Business documents are rendered when first downloaded, not when issued.
    renderMode: 'on_first_view',
    ...common,
  });
  const productIds: Record<string, string> = {};
  for (const product of products) productIds[product.code] = (await createProduct(deps, ctx, product)).id;
  const groups = [
    await createContract(deps, ctx, { kind: 'basic', name: 'Business', invoicingSchemeId: business.id }),
    await createContract(deps, ctx, { kind: 'basic', name: 'Small office' }),
  ];
  const contracts: string[] = [];
  for (const [index, customerId] of customerIds.entries()) {
    const basic = groups[index % 2 === 0 ? 0 : 1]!;
    const number = `C-${String(index + 1).padStart(4, '0')}`;
    contracts.push((await createContract(deps, ctx, { customerId, basicContractId: basic.id, number })).id);
  }
  return { products: productIds, contracts };
}
