import { isUtf8 } from 'node:buffer';
import { AppError, unreadable } from '../app/errors.ts';

// List cursors are opaque to clients: the position a list stopped at ("the last id", or
// "startedAt|id" for time-ordered lists), base64url-encoded. Every list decodes its cursor here
// and nowhere else, so a cursor that no list could have handed out is one 400, whatever the list.

/** The longest position a list hands out (ids are under 100 characters, instants under 40). */
const MAX_POSITION_LENGTH = 200;
/** Base64url of MAX_POSITION_LENGTH characters of up to four UTF-8 bytes each. */
const MAX_CURSOR_LENGTH = Math.ceil((MAX_POSITION_LENGTH * 4 * 4) / 3);
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

export function encodeCursor(position: string): string {
  return Buffer.from(position, 'utf8').toString('base64url');
}

export function invalidCursor(): AppError {
  return unreadable('INVALID_CURSOR', 'The cursor is not one this list returned', [
    { field: 'cursor', code: 'INVALID_CURSOR', message: 'pass the nextCursor of the previous page unchanged' },
  ]);
}

/**
 * The position a cursor stands for; throws INVALID_CURSOR (400) for anything encodeCursor could
 * not have produced: characters outside base64url, a non-canonical encoding, bytes that are not
 * UTF-8, control characters (a NUL cannot even reach PostgreSQL), or an implausible length.
 */
export function decodeCursor(cursor: string | undefined): string | undefined {
  // An empty cursor has always meant "from the start", like no cursor at all.
  if (cursor === undefined || cursor === '') return undefined;
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw invalidCursor();
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.toString('base64url') !== cursor || !isUtf8(bytes)) throw invalidCursor();
  const position = bytes.toString('utf8');
  if (position.length === 0 || position.length > MAX_POSITION_LENGTH || CONTROL.test(position)) throw invalidCursor();
  return position;
}
