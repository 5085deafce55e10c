import type { Page, PageRequest } from './audit.ts';
import type { PriceModel, ProductPeriodKind } from '../../core/catalog/index.ts';

export type ProductKind = 'recurring' | 'one_off' | 'usage';

/** A catalog item as stored; the API shows its price model as flat fields (see catalog/product-view.ts). */
export interface ProductRecord {
  id: string;
  tenantId: string;
  code: string;
  name: string;
  /** The name per language (en, ru, es …); documents use the customer's language, else `name`. */
  names: Record<string, string>;
  unit: string;
  currency: string;
  kind: ProductKind;
  /** The product period of a recurring product; null for one-off and usage products. */
  period: ProductPeriodKind | null;
  /** null: the invoicing scheme's tax rate applies. */
  taxRate: string | null;
  /** Lower is paid first when payments are allocated. */
  allocationPriority: number;
  priceModel: PriceModel;
  /** Whether one contract may hold overlapping subscriptions of this product. */
  allowOverlap: boolean;
  createdAt: string;
  updatedAt: string;
}

export type ProductInput = Omit<ProductRecord, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;

export interface ProductFilter {
  kind?: ProductKind | undefined;
  code?: string | undefined;
}

export interface ProductRepo {
  insert(tenantId: string, id: string, input: ProductInput): Promise<ProductRecord>;
  update(tenantId: string, id: string, patch: Partial<ProductInput>): Promise<ProductRecord | null>;
  get(tenantId: string, id: string): Promise<ProductRecord | null>;
  /** Many products in one read, by id; ids not found are absent. */
  getMany(tenantId: string, ids: readonly string[]): Promise<Map<string, ProductRecord>>;
  findByCode(tenantId: string, code: string): Promise<ProductRecord | null>;
  list(tenantId: string, filter: ProductFilter, page: PageRequest): Promise<Page<ProductRecord>>;
  delete(tenantId: string, id: string): Promise<boolean>;
}
