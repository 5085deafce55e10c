import { Context, LiquidError, toValue, toValueSync } from 'liquidjs';
import type { Emitter, Liquid, Template } from 'liquidjs';
import { demoDocumentView } from '../demo-view.ts';
import type { DocumentLocale, DocumentType, DocumentView } from '../view.ts';
import { DEFAULT_LIMITS, TemplateAccessError, createTemplateEngine } from './engine.ts';

export type TemplateErrorCode = 'TEMPLATE_TIMEOUT' | 'TEMPLATE_FORBIDDEN' | 'TEMPLATE_ERROR';

export class TemplateRenderError extends Error {
  public constructor(
    public readonly code: TemplateErrorCode,
    message: string,
    public readonly line: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TemplateRenderError';
  }
}

export type TemplateValidation = { ok: true } | { ok: false; line: number | null; message: string };

// The call list is the one part of a view that is legitimately huge (a call centre makes tens of
// thousands of calls a month), so the budgets grow with it: a detailed invoice renders about
// 1,000 calls in 65 ms and 280 KB here, and each budget leaves several times that. Everything
// else in a view is small, so beyond the base budgets a template is looping on purpose.
const BASE_OUTPUT_CHARS = 30_000_000;
const OUTPUT_CHARS_PER_CALL = 1_000;
// Generous per call: a bill run saturates the cores, and a busy machine must not fail real invoices.
const RENDER_MS_PER_CALL = 1;
const MEMORY_PER_CALL = 1_000;

interface Budgets {
  renderLimitMs: number;
  memoryLimit: number;
  maxOutputChars: number;
}

export function budgetsFor(callCount: number): Budgets {
  return {
    renderLimitMs: DEFAULT_LIMITS.renderLimitMs + Math.ceil(callCount * RENDER_MS_PER_CALL),
    memoryLimit: DEFAULT_LIMITS.memoryLimit + callCount * MEMORY_PER_CALL,
    maxOutputChars: BASE_OUTPUT_CHARS + callCount * OUTPUT_CHARS_PER_CALL,
  };
}
// Operators render the same few templates thousands of times in a bill run.
const PARSE_CACHE_SIZE = 32;

class OutputLimitError extends Error {}

/** Collects output like LiquidJS's own emitter, but stops a template that writes without end. */
class BoundedEmitter implements Emitter {
  public buffer = '';

  public constructor(private readonly maxChars: number) {}

  public write(html: unknown): void {
    this.buffer += stringify(html);
    if (this.buffer.length > this.maxChars) {
      throw new OutputLimitError(`output limit exceeded (${this.maxChars} characters)`);
    }
  }
}

function stringify(value: unknown): string {
  const plain: unknown = toValue(value);
  if (typeof plain === 'string') return plain;
  if (plain === null || plain === undefined) return '';
  if (Array.isArray(plain)) return plain.map(stringify).join('');
  return String(plain);
}

let sharedEngine: Liquid | undefined;
const parsed = new Map<string, Template[]>();

function engine(): Liquid {
  sharedEngine ??= createTemplateEngine();
  return sharedEngine;
}

function parse(source: string): Template[] {
  const cached = parsed.get(source);
  if (cached) return cached;
  const templates = engine().parse(source);
  if (parsed.size >= PARSE_CACHE_SIZE) parsed.delete(parsed.keys().next().value as string);
  parsed.set(source, templates);
  return templates;
}

/** The errors LiquidJS wrapped around the original one, outermost first. */
function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  let current: unknown = error;
  while (current instanceof Error && out.length < 16) {
    out.push(current);
    const wrapped = current as Error & { originalError?: unknown };
    current = wrapped.originalError ?? wrapped.cause;
  }
  return out;
}

function lineOf(error: unknown): number | null {
  for (const item of causes(error)) {
    if (LiquidError.is(item) && item.token) return item.token.getPosition()[0] ?? null;
  }
  return null;
}

function cleanMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/(, file:[^,]*)?, line:\d+, col:\d+$/, '');
}

function classify(error: unknown, budgets: Budgets = budgetsFor(0)): TemplateRenderError {
  if (error instanceof TemplateRenderError) return error;
  const chain = causes(error);
  const line = lineOf(error);
  if (chain.some((item) => item instanceof TemplateAccessError)) {
    return new TemplateRenderError('TEMPLATE_FORBIDDEN', cleanMessage(error), line, { cause: error });
  }
  if (chain.some((item) => item instanceof Error && /template render limit exceeded/.test(item.message))) {
    const message = `the template took longer than ${budgets.renderLimitMs} ms to render`;
    return new TemplateRenderError('TEMPLATE_TIMEOUT', message, line, { cause: error });
  }
  if (chain.some((item) => item instanceof Error && /memory alloc limit exceeded/.test(item.message))) {
    const message = 'the template exceeded its memory budget (ranges, arrays or strings too large)';
    return new TemplateRenderError('TEMPLATE_ERROR', message, line, { cause: error });
  }
  return new TemplateRenderError('TEMPLATE_ERROR', cleanMessage(error), line, { cause: error });
}

/** Checks that a template parses; used at upload, so a syntax error is refused with its line. */
export function validateTemplate(source: string): TemplateValidation {
  try {
    engine().parse(source);
    return { ok: true };
  } catch (error) {
    const failure = classify(error);
    return { ok: false, line: failure.line, message: failure.message };
  }
}

/** Renders an untrusted template against a document view; failures are TemplateRenderErrors. */
export async function renderTemplate(source: string, view: DocumentView): Promise<string> {
  const budgets = budgetsFor(Array.isArray(view.calls) ? view.calls.length : 0);
  try {
    const liquid = engine();
    const templates = parse(source);
    // A JSON round trip leaves only data: no getters, class instances or shared references that
    // a template could observe or that a later render could see mutated.
    const scope = JSON.parse(JSON.stringify(view)) as Record<string, unknown>;
    // Rendered synchronously: nothing a template reaches is asynchronous (file tags are refused),
    // and LiquidJS's asynchronous mode awaits every tag and output, which takes about twice the CPU
    // of a detailed invoice's render. The event loop waits either way: awaits of values that are
    // already there run as microtasks, which hold the loop just as long.
    const limits = { sync: true, renderLimit: budgets.renderLimitMs, memoryLimit: budgets.memoryLimit };
    const context = new Context(scope, liquid.options, limits, { liquid });
    const emitter = new BoundedEmitter(budgets.maxOutputChars);
    toValueSync(liquid.renderer.renderTemplates(templates, context, emitter));
    return emitter.buffer;
  } catch (error) {
    throw classify(error, budgets);
  }
}

/** Renders a template against the demo document, as the template editor's preview does. */
export function previewTemplate(source: string, locale: DocumentLocale, type?: DocumentType): Promise<string> {
  return renderTemplate(source, demoDocumentView(locale, type));
}
