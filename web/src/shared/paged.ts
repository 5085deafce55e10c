import type { GetListParams, GetListResult, RaRecord } from 'react-admin';

/**
 * The API pages with cursors; react-admin asks for page numbers. The cursor of each page is kept
 * as it is handed out (per resource, filter and page size), so the next page is asked for with its
 * cursor, never computed. A page asked for without a known cursor starts again from the first.
 */
const cursors = new Map<string, string>();

export async function pagedList<T extends RaRecord>(
  resource: string,
  params: GetListParams,
  fetchPage: (query: { limit: number; cursor?: string }) => Promise<{ data: T[]; nextCursor?: string | null }>,
): Promise<GetListResult<T>> {
  const perPage = Math.min(params.pagination?.perPage ?? 25, 500);
  const wanted = params.pagination?.page ?? 1;
  const base = `${resource}|${perPage}|${JSON.stringify(params.filter ?? {})}`;
  const cursor = wanted > 1 ? cursors.get(`${base}|${wanted}`) : undefined;
  const page = wanted > 1 && !cursor ? 1 : wanted;
  const answer = await fetchPage({ limit: perPage, ...(cursor ? { cursor } : {}) });
  if (answer.nextCursor) cursors.set(`${base}|${page + 1}`, answer.nextCursor);
  // Short lists (rates, allocation rules) come whole, without a cursor. No total: the API does not
  // count, and the footer (CursorPagination) says the page it is on, from `meta.page`.
  return {
    data: answer.data,
    pageInfo: { hasNextPage: Boolean(answer.nextCursor), hasPreviousPage: page > 1 },
    meta: { page },
  };
}

/** Drops empty filter values (react-admin sends "" for a cleared input). */
export function cleanFilter<T extends object>(filter: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== '' && v !== undefined && v !== null),
  ) as Partial<T>;
}
