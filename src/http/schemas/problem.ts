import { z } from 'zod';

/** RFC 9457 problem+json as every error answer carries it (see ../problem.ts). */
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().meta({ description: 'Stable machine code, e.g. VALIDATION_FAILED' }),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
  })
  .meta({ id: 'Problem' });

/** The error part of a route's response map: each status answered with problem+json. */
export function problems(...statuses: Array<400 | 401 | 403 | 404 | 409 | 422>) {
  return Object.fromEntries([401, 403, ...statuses].map((s) => [s, problemSchema])) as Record<
    number,
    typeof problemSchema
  >;
}

/** A list answer: one page and the cursor of the next. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

/** The answer of a DELETE: no body. */
export const noContent = z.null().describe('No content');
