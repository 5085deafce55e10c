import type { Page } from '../../app/ports/audit.ts';

/** Rows were fetched with limit + 1: the extra row only says whether a next page exists. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const data = rows.slice(0, limit);
  return { data, next: rows.length > limit ? data[data.length - 1]!.id : null };
}
