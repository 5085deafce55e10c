import { Drop, ForTag, TypeGuards, evalToken } from 'liquidjs';
import type { Context, Emitter, Template } from 'liquidjs';

// LiquidJS turns a range such as (1..100000000) into a real array before a for loop starts, so a
// hostile template would allocate gigabytes before the render time limit is ever checked. This
// tag walks literal ranges as counters instead; the time limit then stops such a loop, and the
// memory limit keeps guarding every other place where ranges are materialised.

/** The `forloop` object of a counted loop, with the same fields as LiquidJS's own. */
class CountedLoopDrop extends Drop {
  private i = 0;
  public readonly name: string;

  public constructor(
    public readonly length: number,
    collection: string,
    variable: string,
  ) {
    super();
    this.name = `${variable}-${collection}`;
  }

  public next(): void {
    this.i++;
  }
  public index0(): number {
    return this.i;
  }
  public index(): number {
    return this.i + 1;
  }
  public first(): boolean {
    return this.i === 0;
  }
  public last(): boolean {
    return this.i === this.length - 1;
  }
  public rindex(): number {
    return this.length - this.i;
  }
  public rindex0(): number {
    return this.length - this.i - 1;
  }
  public override valueOf(): string {
    return JSON.stringify({ index: this.index(), length: this.length });
  }
}

/** A scope without a prototype, as LiquidJS makes them, so no inherited name resolves in it. */
function scopeOf(values: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(Object.create(null) as Record<string, unknown>, values);
}

function asCount(value: unknown): number | null {
  if (value === undefined || value === null) return 0;
  const n = Math.trunc(Number(value));
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export class RangeForTag extends ForTag {
  public override *render(ctx: Context, emitter: Emitter): Generator<unknown, void | string, Template[]> {
    const source = this.collection;
    if (!TypeGuards.isRangeToken(source) || this.liquid.options.orderedFilterParameters) {
      return yield* super.render(ctx, emitter);
    }
    const low = Number((yield evalToken(source.lhs, ctx)) as unknown);
    const high = Number((yield evalToken(source.rhs, ctx)) as unknown);
    // Fractional or non-numeric bounds are oddities; LiquidJS's own loop keeps their semantics.
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) return yield* super.render(ctx, emitter);
    if (high < low) {
      yield this.liquid.renderer.renderTemplates(this.elseTemplates, ctx, emitter);
      return;
    }
    const continueKey = `continue-${this.variable}-${source.getText()}`;
    ctx.push(scopeOf({ continue: ctx.getRegister(continueKey, {}) }));
    const hash = (yield this.hash.render(ctx)) as unknown as Record<string, unknown>;
    ctx.pop();
    const offset = asCount(hash.offset);
    const limit = hash.limit === undefined ? Infinity : asCount(hash.limit);
    // So do negative slices.
    if (offset === null || limit === null) return yield* super.render(ctx, emitter);
    const length = Math.min(Math.max(0, high - low + 1 - offset), limit);
    ctx.setRegister(continueKey, offset + length);
    const first = hash.reversed === undefined ? low + offset : low + offset + length - 1;
    const step = hash.reversed === undefined ? 1 : -1;
    const forloop = new CountedLoopDrop(length, source.getText(), this.variable);
    const scope = scopeOf({ forloop });
    ctx.push(scope);
    for (let i = 0; i < length; i++) {
      scope[this.variable] = first + i * step;
      ctx.continueCalled = ctx.breakCalled = false;
      yield this.liquid.renderer.renderTemplates(this.templates, ctx, emitter);
      if (ctx.breakCalled) break;
      forloop.next();
    }
    ctx.continueCalled = ctx.breakCalled = false;
    ctx.pop();
  }
}
