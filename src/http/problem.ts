import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FailureKind, type FieldError } from '../app/errors.ts';

const statusOf: Record<FailureKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  too_large: 413,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  errors: FieldError[];
  [extra: string]: unknown;
}

function problem(
  status: number,
  code: string,
  detail: string,
  errors: FieldError[] = [],
  extra: Record<string, unknown> = {},
): Problem {
  return {
    type: `https://tollbook.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: code,
    status,
    code,
    detail,
    errors,
    ...extra,
  };
}

const zodCodes: Record<string, string> = {
  invalid_type: 'INVALID_TYPE',
  too_small: 'OUT_OF_RANGE',
  too_big: 'OUT_OF_RANGE',
  invalid_format: 'INVALID_FORMAT',
  invalid_value: 'INVALID_VALUE',
  invalid_union: 'INVALID_VALUE',
  not_multiple_of: 'INVALID_VALUE',
  unrecognized_keys: 'UNKNOWN_FIELD',
};

type ZodIssueLike = { keyword: string; instancePath: string; message: string; params: Record<string, unknown> };

function fieldErrors(validation: ZodIssueLike[], context: string | undefined): FieldError[] {
  const prefix = context && context !== 'body' ? `${context}.` : '';
  return validation.flatMap((issue) => {
    const path = issue.instancePath
      .replace(/^\//, '')
      .split('/')
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
      .join('')
      .replace(/^\./, '');
    if (issue.keyword === 'unrecognized_keys') {
      const keys = (issue.params.keys as string[] | undefined) ?? [];
      return keys.map((k) => ({
        field: prefix + (path ? `${path}.${k}` : k),
        code: 'UNKNOWN_FIELD',
        message: `unknown field ${k}`,
      }));
    }
    const custom = (issue.params.params as { code?: string } | undefined)?.code;
    const missing = issue.keyword === 'invalid_type' && / received undefined$/.test(issue.message);
    const code = custom ?? (missing ? 'REQUIRED' : (zodCodes[issue.keyword] ?? 'INVALID_VALUE'));
    return [{ field: prefix + (path || '(root)'), code, message: missing ? 'is required' : issue.message }];
  });
}

/** Maps every failure to RFC 9457 problem+json; only a genuine defect becomes a 500. */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  if (error instanceof AppError)
    return problem(statusOf[error.kind], error.code, error.detail, error.errors, error.extra);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = fieldErrors(
      error.validation as unknown as ZodIssueLike[],
      (error as { validationContext?: string }).validationContext,
    );
    return problem(400, 'VALIDATION_FAILED', 'The request has invalid fields', errors);
  }
  const dbCode = databaseErrorCode(error);
  // A unique index caught a race the use case's own check could not see: a conflict, not a defect.
  if (dbCode === '23505')
    return problem(
      409,
      'CONFLICT',
      'The change conflicts with a concurrent one (a unique value is already taken); retry',
    );
  if (dbCode === '40001' || dbCode === '40P01')
    return problem(409, 'CONCURRENT_UPDATE', 'The change collided with a concurrent one; retry');
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'BODY_TOO_LARGE', 'The request body is larger than allowed');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'INVALID_JSON', fastifyError.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'UNSUPPORTED_MEDIA_TYPE', fastifyError.message);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem(400, 'INVALID_CONTENT_LENGTH', fastifyError.message);
    default:
      break;
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return problem(fastifyError.statusCode, fastifyError.code ?? 'BAD_REQUEST', fastifyError.message);
  }
  request.log.error({ err: error }, 'unhandled error');
  return problem(500, 'INTERNAL_ERROR', 'An unexpected error occurred; it has been logged', [], {
    requestId: request.id,
  });
}

function databaseErrorCode(error: unknown): string | undefined {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === 'object' && depth < 4;
    e = (e as { cause?: unknown }).cause, depth += 1
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  return reply.status(p.status).type('application/problem+json').send(p);
}
