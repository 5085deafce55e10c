import type { operations } from '../../../../src/http/client/openapi.d.ts';

export type Page<T> = { data: T[]; nextCursor: string | null };
export type Query = { limit: number; cursor?: string } & Record<string, unknown>;

/**
 * A screen's resource as calls of the typed client. The paths and bodies are checked against the
 * OpenAPI document at build time; a resource leaves out what its API does not offer.
 */
export interface ResourceApi {
  list(query: Query): Promise<Page<{ id: string }> | { data: Array<{ id: string }> }>;
  one?(id: string): Promise<{ id: string }>;
  create?(body: never): Promise<{ id: string }>;
  update?(id: string, body: never): Promise<{ id: string }>;
  remove?(id: string): Promise<void>;
}

/** The list query react-admin builds, as the query type of one operation (filters are its names). */
export type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;
export const q = <T>(query: Query) => query as unknown as T;
export const byId = (id: string) => ({ params: { path: { id } } });
