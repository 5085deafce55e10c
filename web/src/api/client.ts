import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../../../src/http/client/openapi.d.ts';

/**
 * The one way the web app talks to Tollbook: the REST API through a client typed from the OpenAPI
 * document. The session cookie is HttpOnly and travels by itself; the CSRF token the session was
 * given is added to every unsafe request.
 */
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

const csrf: Middleware = {
  onRequest({ request }) {
    if (!['GET', 'HEAD'].includes(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(csrf);

export type Schemas = import('../../../src/http/client/openapi.d.ts').components['schemas'];
