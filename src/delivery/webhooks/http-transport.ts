import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { WebhookResponse, WebhookTransport } from '../../app/ports/webhooks.ts';
import { refusalOf, type TargetPolicy } from './address-policy.ts';

const REFUSED = 'TARGET_REFUSED';

function parseUrl(url: string): URL | { code: string; message: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { code: 'INVALID_URL', message: 'not an absolute URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { code: 'UNSUPPORTED_SCHEME', message: `only http and https URLs are called, not ${parsed.protocol}` };
  if (parsed.username || parsed.password)
    return { code: 'INVALID_URL', message: 'credentials in the URL are not allowed; sign-checking replaces them' };
  return parsed;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

function resolveAll(host: string): Promise<LookupAddress[]> {
  if (isIP(host)) return Promise.resolve([{ address: host, family: isIP(host) }]);
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );
}

/**
 * Posts webhooks over node:http(s). Every address a host resolves to is checked against the
 * policy when an endpoint is saved, and again at connection time through the socket's own lookup,
 * so a name that later resolves elsewhere (DNS rebinding) is refused too. Redirects are not
 * followed; a request that has not answered within the timeout is aborted.
 */
export class HttpWebhookTransport implements WebhookTransport {
  constructor(readonly policy: TargetPolicy) {}

  async checkUrl(url: string): Promise<{ code: string; message: string } | null> {
    const parsed = parseUrl(url);
    if (!(parsed instanceof URL)) return parsed;
    let addresses: LookupAddress[];
    try {
      addresses = await resolveAll(hostOf(parsed));
    } catch {
      return { code: 'UNRESOLVABLE_HOST', message: `${parsed.hostname} does not resolve` };
    }
    for (const a of addresses) {
      const refusal = refusalOf(a.address, this.policy);
      if (refusal)
        return { code: REFUSED, message: `${parsed.hostname}: ${refusal} (webhook targets: ${this.policy})` };
    }
    return null;
  }

  /** A lookup that answers only with allowed addresses, and fails when any resolved one is refused. */
  private guardedLookup(): LookupFunction {
    return (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
        if (error) return callback(error, '', 0);
        const list = addresses as LookupAddress[];
        const refused = list.map((a) => refusalOf(a.address, this.policy)).find((r) => r !== null);
        if (refused)
          return callback(Object.assign(new Error(`${REFUSED}: ${hostname}: ${refused}`), { code: REFUSED }), '', 0);
        if ((options as { all?: boolean }).all)
          return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
        callback(null, list[0]!.address, list[0]!.family);
      });
    };
  }

  async post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<WebhookResponse> {
    const started = performance.now();
    const done = (statusCode: number | null, error: string | null): WebhookResponse => ({
      statusCode,
      error,
      durationMs: Math.round(performance.now() - started),
    });
    const parsed = parseUrl(url);
    if (!(parsed instanceof URL)) return done(null, `${parsed.code}: ${parsed.message}`);
    const host = hostOf(parsed);
    // A literal address never goes through a lookup: check it here.
    if (isIP(host)) {
      const refusal = refusalOf(host, this.policy);
      if (refusal) return done(null, `${REFUSED}: ${refusal}`);
    }
    const options: RequestOptions = {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: this.guardedLookup(),
      signal: AbortSignal.timeout(timeoutMs),
      agent: false,
    };
    const send = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<WebhookResponse>((resolve) => {
      const req = send(parsed, options, (res) => {
        // Only the status matters; the body is read (up to its end) so the socket closes cleanly.
        res.on('data', () => {});
        res.on('end', () => resolve(done(res.statusCode ?? null, null)));
        res.on('error', () => resolve(done(res.statusCode ?? null, null)));
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        const code =
          error.name === 'AbortError' || error.code === 'ABORT_ERR' ? 'TIMEOUT' : (error.code ?? 'REQUEST_FAILED');
        const message = code === 'TIMEOUT' ? `no answer within ${timeoutMs} ms` : error.message;
        resolve(done(null, message.startsWith(`${code}:`) ? message : `${code}: ${message}`));
      });
      req.end(body);
    });
  }
}
