/**
 * Integrators' own references on customers and documents: string keys to string values, bounded so
 * that a client cannot turn them into a document store.
 */
export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const;

export type Metadata = Record<string, string>;
