import type { Page, PageRequest } from './audit.ts';

// The rating catalog: destinations (prefix -> name), rate plans with their per-prefix rates, and
// the assignment of plans to customers over validity dates. Amounts are decimal strings.

export interface Destination {
  id: string;
  tenantId: string;
  prefix: string;
  name: string;
  createdAt: string;
}

export interface RatePlan {
  id: string;
  tenantId: string;
  name: string;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
  rateCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Rate {
  prefix: string;
  pricePerMinute: string;
  connectionFee: string;
  minimumSeconds: number;
  incrementSeconds: number;
  /** The destination name for the prefix, when the catalog has one. */
  destination: string | null;
}

export type RateInputRow = Omit<Rate, 'destination'>;

export interface RatePlanAssignment {
  id: string;
  tenantId: string;
  customerId: string;
  ratePlanId: string;
  validFrom: string;
  validTo: string | null;
  createdAt: string;
}

/** One assignment joined with its plan: what rating needs to pick the plan valid at a call. */
export interface PlanWindow {
  customerId: string;
  ratePlanId: string;
  currency: string;
  assignmentFrom: string;
  assignmentTo: string | null;
  planFrom: string | null;
  planTo: string | null;
}

export interface RatingRepo {
  insertDestination(d: Omit<Destination, 'createdAt'>): Promise<Destination>;
  updateDestination(tenantId: string, id: string, patch: { name?: string }): Promise<Destination | null>;
  deleteDestination(tenantId: string, id: string): Promise<boolean>;
  getDestination(tenantId: string, id: string): Promise<Destination | null>;
  findDestinationByPrefix(tenantId: string, prefix: string): Promise<Destination | null>;
  listDestinations(
    tenantId: string,
    filter: { prefix?: string | undefined; q?: string | undefined },
    page: PageRequest,
  ): Promise<Page<Destination>>;
  /** Every destination of the tenant (tens of thousands at most), to name pre-rated calls. */
  allDestinations(tenantId: string): Promise<Array<{ prefix: string; name: string }>>;
  /** Inserts or renames in bulk; returns how many were new and how many changed name. */
  upsertDestinations(
    tenantId: string,
    rows: Array<{ id: string; prefix: string; name: string }>,
  ): Promise<{ created: number; updated: number }>;

  insertPlan(plan: Omit<RatePlan, 'createdAt' | 'updatedAt' | 'rateCount'>): Promise<RatePlan>;
  updatePlan(
    tenantId: string,
    id: string,
    patch: Partial<Pick<RatePlan, 'name' | 'validFrom' | 'validTo'>>,
  ): Promise<RatePlan | null>;
  getPlan(tenantId: string, id: string): Promise<RatePlan | null>;
  listPlans(tenantId: string, page: PageRequest): Promise<Page<RatePlan>>;
  /** Every rate of the plan with its destination name, ordered by prefix. */
  rates(tenantId: string, planId: string): Promise<Rate[]>;
  listRates(
    tenantId: string,
    planId: string,
    filter: { prefix?: string | undefined },
    page: PageRequest,
  ): Promise<Page<Rate>>;
  /** Inserts or updates rates by prefix; with replace, rates not given are deleted. */
  upsertRates(
    tenantId: string,
    planId: string,
    rows: RateInputRow[],
    replace: boolean,
  ): Promise<{ created: number; updated: number; deleted: number }>;
  deleteRate(tenantId: string, planId: string, prefix: string): Promise<boolean>;

  insertAssignment(a: Omit<RatePlanAssignment, 'createdAt'>): Promise<RatePlanAssignment>;
  updateAssignment(
    tenantId: string,
    id: string,
    patch: Partial<Pick<RatePlanAssignment, 'validFrom' | 'validTo'>>,
  ): Promise<RatePlanAssignment | null>;
  deleteAssignment(tenantId: string, id: string): Promise<boolean>;
  getAssignment(tenantId: string, id: string): Promise<RatePlanAssignment | null>;
  listAssignments(
    tenantId: string,
    filter: { customerId?: string | undefined; ratePlanId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<RatePlanAssignment>>;
  planWindows(tenantId: string, customerIds: string[]): Promise<PlanWindow[]>;
}
