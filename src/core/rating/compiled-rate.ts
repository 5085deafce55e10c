// The shapes of a rate before and after compilation. A rate plan's rows arrive as RateInput
// (decimal strings, as stored in numeric columns or typed in a rate sheet) and are compiled once
// into CompiledRate (integers only), so the per-record hot path never parses a decimal.

/** One destination row of a rate plan, as entered or stored. */
export interface RateInput {
  /** Dialled-number prefix, e.g. "35567". '+', spaces and dashes are ignored. */
  prefix: string;
  /** Price per minute as a non-negative decimal string with at most 6 decimals. */
  pricePerMinute: string;
  /** Charged once per answered call, a non-negative decimal string with at most 6 decimals. */
  connectionFee: string;
  /** Calls shorter than this (but longer than 0) are billed as this many seconds. */
  minimumSeconds: number;
  /** Billable time is rounded up to a multiple of this; 1 means per-second billing. */
  incrementSeconds: number;
  destinationName?: string | null;
}

/** A validated rate with money in micro-units (1e-6 of the plan's currency). */
export interface CompiledRate {
  readonly prefix: string;
  readonly pricePerMinuteMicro: number;
  readonly connectionFeeMicro: number;
  readonly minimumSeconds: number;
  readonly incrementSeconds: number;
  readonly destinationName: string | null;
}

/** One problem found in a rate plan; index is the row's position in the input array. */
export interface RateIssue {
  index: number;
  field: keyof RateInput;
  code: 'INVALID_PREFIX' | 'DUPLICATE_PREFIX' | 'INVALID_AMOUNT' | 'INVALID_SECONDS' | 'INVALID_NAME';
  message: string;
}

/** Thrown by compileRates with every issue found, so a rate sheet can be fixed in one pass. */
export class RateTableError extends Error {
  readonly issues: readonly RateIssue[];

  constructor(issues: readonly RateIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`invalid rate plan: row ${first.index} ${first.field}: ${first.message}${more}`);
    this.name = 'RateTableError';
    this.issues = issues;
  }
}
