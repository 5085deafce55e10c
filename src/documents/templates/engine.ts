import { Liquid, Tag } from 'liquidjs';
import type { Context, FS } from 'liquidjs';
import { asLocale, formatDayMonthYear, formatDecimal, formatDuration, formatMoney } from './filters.ts';
import { RangeForTag } from './range-for.ts';

// Templates are uploaded by operator staff, so the engine treats them as untrusted code: no file
// system, no partials, no prototype walking, unknown filters are errors, and every render is
// bounded in time and in memory. Each guard below exists because LiquidJS's defaults allow it.

export interface TemplateEngineLimits {
  /** Maximum characters of template source accepted by one parse. */
  parseLimit?: number;
  /** Wall-clock budget of one render, in milliseconds. */
  renderLimitMs?: number;
  /** LiquidJS's allocation budget (array elements and characters created by filters). */
  memoryLimit?: number;
}

export const DEFAULT_LIMITS: Required<TemplateEngineLimits> = {
  parseLimit: 1_000_000,
  renderLimitMs: 2_000,
  memoryLimit: 20_000_000,
};

/** Raised for anything that would make a template read outside its own source. */
export class TemplateAccessError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'TemplateAccessError';
  }
}

function refuse(what: string): never {
  throw new TemplateAccessError(`templates cannot read files (${what})`);
}

// Every lookup fails, so even a tag we forgot to disable cannot reach the disk.
const refusingFs: FS = {
  exists: async () => refuse('exists'),
  existsSync: () => refuse('exists'),
  readFile: async () => refuse('readFile'),
  readFileSync: () => refuse('readFile'),
  resolve: () => refuse('resolve'),
  contains: async () => false,
  containsSync: () => false,
};

// These tags exist only to pull in other files. Refusing them at parse time lets an upload be
// rejected with the offending line instead of failing later at render time.
const FILE_TAGS = ['include', 'render', 'layout'] as const;

function forbiddenTag(name: string): new (...args: ConstructorParameters<typeof Tag>) => Tag {
  return class ForbiddenTag extends Tag {
    public constructor(...args: ConstructorParameters<typeof Tag>) {
      super(...args);
      throw new TemplateAccessError(`the "${name}" tag is not allowed: templates cannot load other files`);
    }

    public render(): never {
      throw new TemplateAccessError(`the "${name}" tag is not allowed`);
    }
  };
}

interface FilterThis {
  context: Context;
}

/** The locale a filter should use: its explicit argument, else the document's own. */
function localeOf(filter: FilterThis, explicit: unknown): 'en' | 'ru' {
  if (explicit !== undefined && explicit !== null) return asLocale(explicit);
  return asLocale(filter.context.getSync(['document', 'locale']));
}

function registerFilters(engine: Liquid): void {
  engine.registerFilter('money', function (this: FilterThis, value: unknown, currency?: unknown, locale?: unknown) {
    const code = typeof currency === 'string' && currency !== '' ? currency : null;
    return formatMoney(value, code, localeOf(this, locale));
  });
  engine.registerFilter('decimal', function (this: FilterThis, value: unknown, minDigits?: unknown, locale?: unknown) {
    const digits = Math.min(Math.max(Math.trunc(Number(minDigits ?? 0)) || 0, 0), 12);
    return formatDecimal(value, digits, localeOf(this, locale));
  });
  engine.registerFilter('duration', (value: unknown) => formatDuration(value));
  engine.registerFilter('dmy', function (this: FilterThis, value: unknown, locale?: unknown) {
    return formatDayMonthYear(value, localeOf(this, locale));
  });
}

/** A LiquidJS instance configured for untrusted document templates. */
export function createTemplateEngine(limits: TemplateEngineLimits = {}): Liquid {
  const effective = { ...DEFAULT_LIMITS, ...limits };
  const engine = new Liquid({
    fs: refusingFs,
    root: [],
    partials: [],
    layouts: [],
    relativeReference: false,
    dynamicPartials: false,
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: false,
    jsTruthy: false,
    cache: false,
    parseLimit: effective.parseLimit,
    renderLimit: effective.renderLimitMs,
    memoryLimit: effective.memoryLimit,
    // The date filter would otherwise follow the server's zone; documents carry their own zones.
    timezoneOffset: 0,
  });
  for (const name of FILE_TAGS) engine.registerTag(name, forbiddenTag(name));
  engine.registerTag('for', RangeForTag);
  registerFilters(engine);
  return engine;
}
