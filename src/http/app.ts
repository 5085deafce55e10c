import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { HttpServices } from './services.ts';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { invalid, missing, tooMany } from '../app/errors.ts';
import { authenticate } from './auth.ts';
import { clientErrorResponse, sendProblem, toProblem } from './problem.ts';
import { registerJsonBodyParser } from './json-body.ts';
import { hasUnstorable } from '../app/storable.ts';
import { registerIdempotency } from './idempotency.ts';
import { registerRoutes } from './routes/index.ts';
import { swaggerOptions } from './openapi.ts';

/**
 * The path of the first key or string that cannot be stored: a NUL, or a lone UTF-16 surrogate
 * that the driver would silently store as U+FFFD; both are refused rather than altered. Recursion is safe: the JSON body
 * parser bounds nesting depth, and query strings and path parameters are flat.
 */
function findUnstorable(value: unknown, path: string): string | null {
  if (typeof value === 'string') return hasUnstorable(value) ? path || '(root)' : null;
  if (!value || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (hasUnstorable(key)) return childPath;
    const found = findUnstorable(child, childPath);
    if (found) return found;
  }
  return null;
}

export interface HttpOptions {
  logger: Logger | false;
  bodyLimitBytes?: number;
}

export async function buildHttpApp(services: HttpServices, options: HttpOptions): Promise<FastifyInstance> {
  const app = (
    Fastify({
      loggerInstance: options.logger || undefined,
      bodyLimit: options.bodyLimitBytes ?? 5 * 1024 * 1024,
      // Errors Fastify raises before routing (bad percent-encoding, an over-long path segment) and
      // those Node's HTTP parser raises (oversized headers) answer problem+json like any other.
      frameworkErrors: (error, request, reply) => sendProblem(reply, toProblem(error, request)),
      clientErrorHandler: (error, socket) => {
        if ((error as { code?: string }).code === 'ECONNRESET' || socket.destroyed) return;
        if (socket.writable) socket.write(clientErrorResponse(error as { code?: string }));
        socket.destroy(error);
      },
    }) as unknown as FastifyInstance
  ).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendProblem(reply, toProblem(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      toProblem(missing('ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`), request),
    ),
  );
  registerJsonBodyParser(app);
  // CSV uploads arrive as text; the routes that take them parse the text themselves.
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: 512 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  await app.register(swagger, swaggerOptions);
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(cookie);
  // Only the routes that ask for it (sign-in, reset requests) are limited per client address.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, limit) =>
      tooMany(
        'TOO_MANY_REQUESTS',
        'Too many attempts from this address; wait and try again',
        Math.ceil(limit.ttl / 1000),
      ),
  });
  app.decorateRequest('ctx', null);
  app.decorateRequest('userSession', null);
  app.addHook('onRequest', async (request) => authenticate(request, services.deps));
  app.addHook('preValidation', async (request) => {
    // CSV uploads arrive as text and are checked row by row by their importer instead.
    const body =
      typeof request.body === 'object' && !request.routeOptions.config?.rowsCheckedByUseCase ? request.body : undefined;
    const where =
      findUnstorable(request.params, 'params') ?? findUnstorable(request.query, 'query') ?? findUnstorable(body, '');
    if (where)
      throw invalid([
        { field: where, code: 'INVALID_CHARACTER', message: 'NUL characters and lone surrogates are not allowed' },
      ]);
  });
  registerIdempotency(app, services.deps);
  await registerRoutes(app, services);
  return app as unknown as FastifyInstance;
}
