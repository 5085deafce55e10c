import type { FieldError } from '../core/validation/field-error.ts';

/**
 * The fixed set of ways a use case can refuse. The HTTP layer maps each kind to one status in one
 * place (http/problem.ts); the CLI prints the code and detail.
 */
export type FailureKind =
  'validation' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rule' | 'too_large' | 'too_many';

export type { FieldError };

export class AppError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const notFound = (what: string, id: string) =>
  new AppError('not_found', 'NOT_FOUND', `${what} ${id} was not found`, [], { objectId: id });

export const invalid = (errors: FieldError[], detail = 'The request has invalid fields') =>
  new AppError('validation', 'VALIDATION_FAILED', detail, errors);

export const refused = (code: string, detail: string, extra: Record<string, unknown> = {}) =>
  new AppError('rule', code, detail, [], extra);

export const conflict = (code: string, detail: string, extra: Record<string, unknown> = {}) =>
  new AppError('conflict', code, detail, [], extra);

/** A request that names something the tenant does not have (a customer, a template…): 422 on that field. */
export const unknownReference = (code: string, field: string, what: string, id: string, fieldCode = code) =>
  new AppError('rule', code, `${what} ${id} does not exist`, [{ field, code: fieldCode, message: `no such ${what}` }]);

/** A rule refused on one field of the request: 422 naming the field. */
export const refusedField = (code: string, field: string, detail: string, message: string) =>
  new AppError('rule', code, detail, [{ field, code, message }]);

/** Input the use case cannot read (a file without a header, an empty upload): 400 with its own code. */
export const unreadable = (
  code: string,
  detail: string,
  errors: FieldError[] = [],
  extra: Record<string, unknown> = {},
) => new AppError('validation', code, detail, errors, extra);

/** A business rule refused, naming the fields (and any facts) that broke it: 422. */
export const refusedWith = (code: string, detail: string, errors: FieldError[], extra: Record<string, unknown> = {}) =>
  new AppError('rule', code, detail, errors, extra);

/** A caller who is not who it claims, or claims nothing: 401. */
export const unauthorized = (code: string, detail: string) => new AppError('unauthorized', code, detail);

/** A caller whose role does not allow the action: 403. */
export const forbidden = (code: string, detail: string) => new AppError('forbidden', code, detail);

/** Something that is not there and is not a tenant's object (a route, a file): 404 with its own code. */
export const missing = (code: string, detail: string, extra: Record<string, unknown> = {}) =>
  new AppError('not_found', code, detail, [], extra);

/** A caller who tried too often (sign-in attempts): 429, with the seconds to wait. */
export const tooMany = (code: string, detail: string, retryAfterSeconds: number) =>
  new AppError('too_many', code, detail, [], { retryAfterSeconds });
