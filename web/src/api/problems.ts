import { HttpError } from 'react-admin';

export interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string; code: string; message: string }>;
}

/**
 * Turns an API refusal into react-admin's error: the problem's detail is the notification and its
 * field errors are shown next to the form's fields (`body.errors` keyed by field path).
 */
export function toHttpError(error: unknown, response: Response): HttpError {
  const problem = (error ?? {}) as Partial<Problem>;
  const fields = Object.fromEntries((problem.errors ?? []).map((e) => [e.field, e.message]));
  return new HttpError(problem.detail ?? response.statusText, response.status, {
    ...problem,
    errors: fields,
  });
}

/** Unwraps an openapi-fetch answer: its data, or the problem thrown as an HttpError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toHttpError(error, response);
  return data as T;
}
