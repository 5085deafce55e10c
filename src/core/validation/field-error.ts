/**
 * One refused field of a request or a row: where (`rates[3].pricePerMinute`), a stable machine code
 * and a human message. Use cases collect them; the HTTP layer returns them in a problem's `errors[]`.
 */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}
