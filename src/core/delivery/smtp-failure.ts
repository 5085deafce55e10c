/** How an SMTP attempt failed, as the transport reports it. */
export interface SmtpFailure {
  /** The server's reply code (e.g. 421, 550) when it answered; null when it never did. */
  responseCode: number | null;
  /** The transport's own error code: ECONNREFUSED, ETIMEDOUT, EENVELOPE, EAUTH, ESOCKET, ECERT… */
  code: string | null;
  /** The server's whole reply line, or the transport's message. */
  response: string;
}

export type FailureClass = 'temporary' | 'permanent';

// Network trouble is worth another try; a certificate the server presents wrongly or credentials
// it refuses will not fix themselves, so they fail at once with the reason for the operator.
const TEMPORARY_CODES = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ESOCKET',
  'ECONNECTION',
  'EDNS',
  'ETLS',
]);
const PERMANENT_CODES = new Set(['EAUTH', 'ECERT', 'EENVELOPE', 'EMESSAGE']);

/** RFC 5321: 4xx replies are transient, 5xx permanent; without a reply, the transport error decides. */
export function classifySmtpFailure(failure: SmtpFailure): FailureClass {
  if (failure.responseCode !== null) return failure.responseCode >= 500 ? 'permanent' : 'temporary';
  if (failure.code && PERMANENT_CODES.has(failure.code)) return 'permanent';
  if (failure.code && TEMPORARY_CODES.has(failure.code)) return 'temporary';
  return 'temporary';
}
