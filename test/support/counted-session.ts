import type { Session } from '../../src/app/ports/session.ts';

/** Calls of each repository method made in one transaction (`repo.method` → calls). */
export type Calls = Map<string, number>;

/**
 * The session's repositories with every call counted into `calls`. Each repository method is a
 * fixed number of statements, so equal counts for a small and a large batch mean a constant number
 * of statements: the way tests show that chunked work is set-based.
 */
export function counted(s: Session, calls: Calls): Session {
  const wrap = (name: string, repo: object) =>
    new Proxy(repo, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const k = `${name}.${String(key)}`;
          calls.set(k, (calls.get(k) ?? 0) + 1);
          return value.apply(target, args);
        };
      },
    });
  return Object.fromEntries(
    Object.entries(s).map(([name, repo]) => [name, wrap(name, repo as object)]),
  ) as unknown as Session;
}
