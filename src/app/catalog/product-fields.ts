import type { PriceModel, PriceModelKind, PriceTier, ProductPeriodKind } from '../../core/catalog/index.ts';
import { validatePriceModel } from '../../core/catalog/index.ts';
import type { FieldError } from '../errors.ts';
import type { ProductInput, ProductKind, ProductRecord } from '../ports/products.ts';

/** The price block of a product as the API shows it: one model name and the fields that model uses. */
export interface PriceFields {
  priceModel: PriceModelKind;
  /** flat: price per unit; package: price per started package. */
  price?: string | null | undefined;
  tiers?: PriceTier[] | null | undefined;
  packageSize?: string | null | undefined;
  freeUnits?: string | null | undefined;
}

/** A product as the API shows and takes it. */
export type ProductView = Omit<ProductRecord, 'priceModel'> & PriceFields;

export type ProductFields = Omit<ProductInput, 'priceModel'> & PriceFields;

const modelFields: Record<PriceModelKind, Array<keyof PriceFields>> = {
  flat: ['price'],
  graduated: ['tiers'],
  volume: ['tiers'],
  package: ['price', 'packageSize', 'freeUnits'],
};
const priceFieldNames: Array<keyof PriceFields> = ['price', 'tiers', 'packageSize', 'freeUnits'];

export function productView(record: ProductRecord): ProductView {
  const { priceModel, ...rest } = record;
  return { ...rest, ...priceFieldsOf(priceModel) };
}

export function priceFieldsOf(model: PriceModel): PriceFields {
  switch (model.kind) {
    case 'flat':
      return { priceModel: 'flat', price: model.unitPrice };
    case 'graduated':
    case 'volume':
      return { priceModel: model.kind, tiers: model.tiers.map((t) => ({ ...t, flatFee: t.flatFee ?? null })) };
    case 'package':
      return {
        priceModel: 'package',
        price: model.packagePrice,
        packageSize: model.packageSize,
        freeUnits: model.freeUnits,
      };
  }
}

// The core names fields below the model ("tiers.1.upTo", "unitPrice"); the API names them as sent.
function apiField(corePath: string): string {
  const path = corePath.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
  return path === 'unitPrice' || path === 'packagePrice' ? 'price' : path;
}

/** The core price model the fields describe, or every problem with its field path. */
export function toPriceModel(fields: PriceFields): { model: PriceModel | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const allowed = modelFields[fields.priceModel];
  for (const name of priceFieldNames) {
    if (fields[name] != null && !allowed.includes(name))
      errors.push({
        field: name,
        code: 'FIELD_NOT_ALLOWED',
        message: `${name} does not apply to ${fields.priceModel}`,
      });
  }
  for (const name of allowed) {
    if (fields[name] == null && name !== 'freeUnits')
      errors.push({ field: name, code: 'REQUIRED', message: `${fields.priceModel} prices need ${name}` });
  }
  if (errors.length) return { model: null, errors };
  const model: PriceModel =
    fields.priceModel === 'flat'
      ? { kind: 'flat', unitPrice: fields.price! }
      : fields.priceModel === 'package'
        ? {
            kind: 'package',
            packagePrice: fields.price!,
            packageSize: fields.packageSize!,
            freeUnits: fields.freeUnits ?? '0',
          }
        : { kind: fields.priceModel, tiers: fields.tiers! };
  const issues = validatePriceModel(model);
  return {
    model: issues.length ? null : model,
    errors: issues.map((i) => ({ field: apiField(i.field), code: i.code, message: i.detail })),
  };
}

/** Rules across fields that a schema cannot state: a recurring product has a period, others none. */
export function checkPeriod(kind: ProductKind, period: ProductPeriodKind | null): FieldError[] {
  if (kind === 'recurring' && period === null)
    return [
      { field: 'period', code: 'REQUIRED', message: 'a recurring product needs a period (month, quarter, year)' },
    ];
  if (kind !== 'recurring' && period !== null)
    return [{ field: 'period', code: 'FIELD_NOT_ALLOWED', message: `a ${kind} product has no period` }];
  return [];
}

/** Whether a patch replaces the price block; a price block is always replaced whole. */
export const touchesPrice = (patch: Partial<PriceFields>): boolean =>
  patch.priceModel !== undefined || priceFieldNames.some((n) => patch[n] !== undefined);
