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
  too_many: 429,
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

/** A refusal raised by the HTTP layer itself (body parsing, media types) rather than by a use case. */
export class RequestError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
  }
}

// Fastify's own refusals, raised before any route runs, under the codes our clients see.
const frameworkCodes: Record<string, { status: number; code: string; detail?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'BODY_TOO_LARGE',
    detail: 'The request body is larger than allowed',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'INVALID_CONTENT_LENGTH' },
  FST_ERR_CTP_EMPTY_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_URL', detail: 'The URL holds an invalid percent-encoded sequence' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'URI_TOO_LONG', detail: 'A path segment is longer than allowed' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'BAD_REQUEST' },
};

// Any other 4xx keeps its status under a code named after it, never a framework-internal name.
const codeOfStatus: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  411: 'LENGTH_REQUIRED',
  413: 'BODY_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  431: 'HEADERS_TOO_LARGE',
};

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
  if (error instanceof RequestError) return problem(error.statusCode, error.code, error.detail, error.errors);
  const fastifyError = error as FastifyError;
  const known = frameworkCodes[fastifyError.code ?? ''];
  if (known) return problem(known.status, known.code, known.detail ?? fastifyError.message);
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const own = typeof fastifyError.code === 'string' && /^(?!FST_)[A-Z][A-Z0-9_]+$/.test(fastifyError.code);
    return problem(status, own ? fastifyError.code : (codeOfStatus[status] ?? 'BAD_REQUEST'), fastifyError.message);
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

/**
 * The raw HTTP answer to a request Node's parser refused before Fastify saw it (a header section
 * over the size limit, a timeout, malformed HTTP): the same problem+json as every other error.
 */
export function clientErrorResponse(error: { code?: string }): string {
  const [status, code, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HEADERS_TOO_LARGE', 'The request headers are larger than allowed']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'The request was not received in time']
        : [400, 'BAD_REQUEST', 'The request is not valid HTTP'];
  const body = JSON.stringify(problem(status, code, detail));
  const reason = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[status];
  return (
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/problem+json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  if (typeof p.retryAfterSeconds === 'number') reply.header('retry-after', String(p.retryAfterSeconds));
  return reply.status(p.status).type('application/problem+json').send(p);
}
