/**
 * exceljs, loaded on first use: it is one of the heaviest modules Tollbook depends on (about a
 * second to load on the 2-core machine), and most processes — the CLI's imports and exports, API
 * servers that never fill a template — never need it.
 */
let loading: Promise<typeof import('exceljs')> | null = null;

export async function excelJs(): Promise<typeof import('exceljs')> {
  loading ??= import('exceljs').then((m) => (m as { default?: typeof import('exceljs') }).default ?? m);
  return loading;
}
