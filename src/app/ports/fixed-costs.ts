export interface FixedCost {
  id: string;
  tenantId: string;
  name: string;
  description: string | null;
  cost: string;
  createdAt: string;
}

/** The tenant's catalogue of fixed costs that drafts may carry. */
export interface FixedCostsRepo {
  insertFixedCost(cost: Omit<FixedCost, 'createdAt'>): Promise<FixedCost>;
  updateFixedCost(
    tenantId: string,
    id: string,
    patch: Partial<Pick<FixedCost, 'name' | 'description' | 'cost'>>,
  ): Promise<FixedCost | null>;
  getFixedCost(tenantId: string, id: string): Promise<FixedCost | null>;
  listFixedCosts(tenantId: string): Promise<FixedCost[]>;
}
