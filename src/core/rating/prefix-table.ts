import type { CompiledRate } from './compiled-rate.ts';

// A digit trie in flat typed arrays. Rating millions of records needs a lookup that allocates
// nothing and touches memory predictably: one array read per digit of the callee. A Map probed
// from the longest prefix length down costs a substring and a string hash per probe; on 50,000
// prefixes it measured about 2x slower than this trie (bench/rating.ts prints both).

const DIGITS = 10;
const ZERO = 48;

/** Longest-prefix lookup of compiled rates. Immutable once built; build it with compileRates. */
export class PrefixTable {
  /** Number of rates (distinct prefixes) in the table. */
  readonly size: number;
  readonly #rates: readonly CompiledRate[];
  /** children[node * 10 + digit] is the child node, or 0 for none (the root is never a child). */
  readonly #children: Int32Array;
  /** rateAt[node] is 1 + the index of the rate whose prefix ends at node, or 0 for none. */
  readonly #rateAt: Int32Array;

  /**
   * Builds the trie. Prefixes must be normalised digit strings and distinct; compileRates
   * guarantees both and reports violations properly, so here they are programming errors.
   */
  constructor(rates: readonly CompiledRate[]) {
    let maxNodes = 1;
    for (const rate of rates) maxNodes += rate.prefix.length;
    const children = new Int32Array(maxNodes * DIGITS);
    const rateAt = new Int32Array(maxNodes);
    let nodeCount = 1;
    rates.forEach((rate, index) => {
      let node = 0;
      for (let i = 0; i < rate.prefix.length; i++) {
        const digit = rate.prefix.charCodeAt(i) - ZERO;
        if (digit < 0 || digit > 9) throw new RangeError(`prefix is not digits: ${rate.prefix}`);
        const slot = node * DIGITS + digit;
        if (children[slot] === 0) children[slot] = nodeCount++;
        node = children[slot];
      }
      if (node === 0) throw new RangeError('empty prefix');
      if (rateAt[node] !== 0) throw new RangeError(`duplicate prefix: ${rate.prefix}`);
      rateAt[node] = index + 1;
    });
    this.#rates = rates;
    this.#children = children;
    this.#rateAt = rateAt;
    this.size = rates.length;
  }

  /**
   * Returns the rate with the longest prefix of `number`, or undefined. The input is expected
   * to be normalised digits; the walk stops at the first non-digit character, so only the
   * digits before it can match.
   */
  match(number: string): CompiledRate | undefined {
    const children = this.#children;
    const rateAt = this.#rateAt;
    let node = 0;
    let best = 0;
    for (let i = 0; i < number.length; i++) {
      const digit = number.charCodeAt(i) - ZERO;
      if (digit < 0 || digit > 9) break;
      node = children[node * DIGITS + digit];
      if (node === 0) break;
      const found = rateAt[node];
      if (found !== 0) best = found;
    }
    return best === 0 ? undefined : this.#rates[best - 1];
  }

  /** All rates in the order they were compiled, for listing and export. */
  rates(): readonly CompiledRate[] {
    return this.#rates;
  }
}
