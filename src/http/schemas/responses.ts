import { z } from 'zod';

// Building blocks every route schema uses: the problem+json error shape, success responses with a
// description, and the request parts the OpenAPI document must show (Idempotency-Key, uploads).

export const FieldErrorSchema = z
  .object({
    field: z.string().meta({ description: 'Where: a field path such as rates[3].pricePerMinute, or query.limit' }),
    code: z.string().meta({ description: 'Stable machine code, e.g. REQUIRED, INVALID_DATE' }),
    message: z.string(),
  })
  .meta({ id: 'FieldError', description: 'One refused field' });

export const ProblemSchema = z
  .looseObject({
    type: z.string().meta({ format: 'uri' }),
    title: z.string(),
    status: z.int(),
    code: z.string().meta({ description: 'Stable machine code of the failure' }),
    detail: z.string().meta({ description: 'What went wrong, for a human' }),
    instance: z.string().optional(),
    errors: z.array(FieldErrorSchema),
  })
  .meta({
    id: 'Problem',
    description:
      'RFC 9457 problem details. Some codes add members (objectId, documentIds, requestId); clients must ignore members they do not know.',
    examples: [
      {
        type: 'https://tollbook.dev/problems/validation-failed',
        title: 'VALIDATION_FAILED',
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: 'The request has invalid fields',
        errors: [{ field: 'periodStart', code: 'INVALID_DATE', message: 'must be a calendar date YYYY-MM-DD' }],
      },
    ],
  });

const problemText = {
  400: 'The request is malformed or has invalid fields (see errors[])',
  401: 'No API key, or an unknown or revoked one',
  403: "The API key's role does not allow this",
  404: 'The resource does not exist in this tenant',
  409: 'Conflicts with the current state or a concurrent request; retry or change the state first',
  413: 'The request body is larger than allowed',
  415: 'The body is not of a supported media type',
  422: 'Refused by a business rule (see code)',
  429: 'Too many attempts; the Retry-After header says how many seconds to wait',
} as const;
export type ProblemStatus = keyof typeof problemText;

const problemResponse = (status: ProblemStatus) => ({
  description: problemText[status],
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** The problem+json responses a route can give. Every authenticated route can answer 400, 401 and 403. */
export function problems<S extends ProblemStatus = never>(...statuses: S[]) {
  const all: ProblemStatus[] = [400, 401, 403, ...statuses];
  return Object.fromEntries(all.map((s) => [s, problemResponse(s)])) as Record<
    S | 400 | 401 | 403,
    ReturnType<typeof problemResponse>
  >;
}

/** A JSON success response with its description. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** 204: no body. */
export const noContent = (description: string) => z.undefined().meta({ description });

/** File bytes (a PDF, a CSV): sent as is, never serialized. */
export const binary = z.custom<Buffer | string>().meta({ type: 'string', format: 'binary' });

/** A file the client downloads (PDF, spreadsheet, CSV). */
export const file = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: binary } },
});

/** `Idempotency-Key` on a creating POST (checked by the idempotency hook, which answers INVALID_IDEMPOTENCY_KEY). */
export const idempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().optional().meta({
    description:
      'Makes a retry safe: a repeat with the same key and body gets the first answer (header idempotent-replayed: true) and has no second effect; the same key with another body is refused with 422 IDEMPOTENCY_KEY_REUSED. 1–255 characters.',
    minLength: 1,
    maxLength: 255,
  }),
});

/**
 * The body of a file upload sent as is (Content-Type text/csv): the route reads the bytes and its
 * use case checks them, so validation here accepts anything and a JSON body still gets 415.
 */
export const uploadBody = (description: string) =>
  z.custom<unknown>(() => true).meta({ type: 'string', format: 'binary', description });
