import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { RequestError } from './problem.ts';

/**
 * How deep objects and arrays may nest in a request body. Real payloads stay under ten levels; the
 * bound exists so that every later walk over a body (NUL checks, validation, storage) may recurse.
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting in JSON text, counted without recursion and stopping as soon as it passes
 * `limit`; brackets inside strings do not count. Malformed text is left for JSON.parse to refuse.
 */
export function exceedsDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return false;
}

/** The charset a Content-Type header names, lower-cased, or null when it names none. */
export function charsetOf(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * Replaces Fastify's JSON parser with one that refuses, before parsing, what the default would let
 * through or crash on later: a charset other than UTF-8 (415), bytes that are not UTF-8 (which the
 * default would silently turn into U+FFFD), and nesting deeper than MAX_JSON_DEPTH. Parsing itself,
 * with its prototype-poisoning protection, stays Fastify's.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') {
      done(
        new RequestError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `JSON bodies must be UTF-8; charset=${charset} is not accepted`,
        ),
        undefined,
      );
      return;
    }
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(
        new RequestError(400, 'INVALID_ENCODING', 'The request body is not valid UTF-8', [
          { field: '(root)', code: 'INVALID_ENCODING', message: 'send the body encoded as UTF-8' },
        ]),
        undefined,
      );
      return;
    }
    const text = bytes.toString('utf8');
    if (exceedsDepth(text, MAX_JSON_DEPTH)) {
      done(
        new RequestError(400, 'VALIDATION_FAILED', 'The request has invalid fields', [
          {
            field: '(root)',
            code: 'NESTING_TOO_DEEP',
            message: `objects and arrays may nest at most ${MAX_JSON_DEPTH} levels deep`,
          },
        ]),
        undefined,
      );
      return;
    }
    parseJson(request, text, done);
  });
}
