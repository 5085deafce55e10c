import type { FastifyInstance } from 'fastify';
import type { ApiResponse } from './runtime.ts';

let nextAddress = 1;

/**
 * What a browser does with the API: keeps the session cookie it is given and sends the CSRF token
 * back on unsafe requests. Each one comes from its own client address, so that the per-address
 * sign-in limit of one test does not spill into another.
 */
export function browserSession(http: FastifyInstance) {
  const remoteAddress = `10.0.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;
  const state = { cookie: null as string | null, csrf: null as string | null };
  const call = async <T = any>(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> => {
    const unsafe = !['GET', 'HEAD'].includes(method);
    const res = await http.inject({
      method: method as 'GET',
      url,
      remoteAddress,
      headers: {
        ...(state.cookie ? { cookie: `tollbook_session=${state.cookie}` } : {}),
        ...(unsafe && state.csrf ? { 'x-csrf-token': state.csrf } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const setCookie = res.cookies.find((c) => c.name === 'tollbook_session');
    if (setCookie) state.cookie = setCookie.value || null;
    let parsed: unknown = res.body;
    if ((res.headers['content-type'] ?? '').toString().includes('json') && res.body) parsed = JSON.parse(res.body);
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed) state.csrf = String(parsed.csrfToken);
    return { status: res.statusCode, body: parsed as any, headers: res.headers, raw: res.body, bytes: res.rawPayload };
  };
  return {
    call,
    state,
    cookies: () => state,
    signIn: (email: string, password: string) => call('POST', '/api/v1/auth/sign-in', { email, password }),
    /** Opens an invitation or reset path as the web app would, choosing a password. */
    accept: (path: string, password: string) =>
      call('POST', '/api/v1/auth/accept-invitation', { token: tokenOf(path), password }),
  };
}

export const tokenOf = (path: string) => new URL(path, 'http://x').hash.split('token=')[1]!;
