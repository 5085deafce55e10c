export interface AuditEvent {
  id: string;
  tenantId: string;
  actorType: string;
  actorId: string;
  at: string;
  objectType: string;
  objectId: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface AuditRepo {
  append(event: AuditEvent): Promise<void>;
  /** Many events in one statement (a set-based step records each object it changed). */
  appendMany(events: readonly AuditEvent[]): Promise<void>;
  list(
    tenantId: string,
    filter: { objectId?: string; objectType?: string },
    page: PageRequest,
  ): Promise<Page<AuditEvent>>;
}

export interface PageRequest {
  limit: number;
  /** The id of the last row of the previous page. */
  after?: string | undefined;
}

export interface Page<T> {
  data: T[];
  /** The id to continue after, or null on the last page. */
  next: string | null;
}
