import { describe, expect, it } from 'vitest';
import { demoDocumentView } from '../view.ts';
import { budgetsFor, renderTemplate, TemplateRenderError, validateTemplate } from './render.ts';
import { findBuiltinTemplate } from './builtin.ts';

const view = demoDocumentView('en');

async function renderError(source: string): Promise<TemplateRenderError> {
  try {
    await renderTemplate(source, view);
  } catch (error) {
    if (error instanceof TemplateRenderError) return error;
    throw error;
  }
  throw new Error(`expected the template to fail: ${source}`);
}

describe('template sandbox: no files', () => {
  it.each([
    ['include', "{% include 'secret' %}", 2],
    ['include of an absolute path', "{% include '/etc/passwd' %}", 2],
    ['render', "{% render 'partial', x: 1 %}", 2],
    ['layout', "{% layout 'base' %}{% block main %}x{% endblock %}", 2],
    ['include inside a liquid tag', "{% liquid\n include 'secret'\n %}", 3],
  ])('refuses %s with TEMPLATE_FORBIDDEN', async (_name, source, line) => {
    const error = await renderError(`<p>\n${source}`);
    expect(error.code).toBe('TEMPLATE_FORBIDDEN');
    expect(error.message).toMatch(/not allowed/);
    expect(error.line).toBe(line);
  });

  it('refuses file tags already at upload, naming the line', () => {
    const result = validateTemplate('<h1>{{ document.number }}</h1>\n\n{% render "../../etc/passwd" %}');
    expect(result).toEqual({ ok: false, line: 3, message: expect.stringMatching(/"render" tag is not allowed/) });
  });
});

describe('template sandbox: limits', () => {
  it('stops an endless loop with TEMPLATE_TIMEOUT well under 10 s', async () => {
    const started = performance.now();
    const error = await renderError('{% for i in (1..100000000) %}{{i}}{% endfor %}');
    expect(error.code).toBe('TEMPLATE_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('stops nested loops over the data with TEMPLATE_TIMEOUT', async () => {
    const source = '{% for a in (1..100000) %}{% for b in (1..100000) %}{{ document.number }}{% endfor %}{% endfor %}';
    const started = performance.now();
    expect((await renderError(source)).code).toBe('TEMPLATE_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('gives long call lists a budget that grows with them', async () => {
    expect(budgetsFor(0).renderLimitMs).toBe(2_000);
    expect(budgetsFor(20_000).renderLimitMs).toBeGreaterThan(budgetsFor(0).renderLimitMs);
    const big = demoDocumentView('en');
    big.calls = Array.from({ length: 20_000 }, (_, i) => big.calls[i % big.calls.length]);
    const html = await renderTemplate(findBuiltinTemplate('invoice-detailed', 'en').source, big);
    expect(html.match(/<td class="nowrap">/g)).toHaveLength(20_000);
  });

  it('refuses to materialise a huge range outside a loop', async () => {
    const error = await renderError('{% assign xs = (1..100000000) %}{{ xs | size }}');
    expect(error.code).toBe('TEMPLATE_ERROR');
    expect(error.message).toMatch(/memory budget/);
  });

  it('stops a template that doubles a string until memory runs out', async () => {
    const source =
      '{% assign s = "xxxxxxxxxx" %}{% for i in (1..60) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}';
    expect(await renderError(source)).toMatchObject({
      code: 'TEMPLATE_ERROR',
      message: expect.stringMatching(/memory budget/),
    });
  });

  it('stops a template that writes without end', async () => {
    const source =
      '{% capture s %}{% for i in (1..1000) %}{{ document.id }}{% endfor %}{% endcapture %}{% for i in (1..100000000) %}{{ s }}{% endfor %}';
    const error = await renderError(source);
    expect(error).toMatchObject({ code: 'TEMPLATE_ERROR', message: expect.stringMatching(/output limit/) });
  });
});

describe('template sandbox: data only', () => {
  it.each([
    '{{ constructor }}',
    '{{ constructor.name }}',
    '{{ view.__proto__ }}',
    '{{ document.__proto__ }}',
    '{{ document.constructor }}',
    '{{ document.constructor.constructor }}',
    '{{ lines.constructor }}',
    '{{ document.number.constructor }}',
    '{{ document["__proto__"]["constructor"] }}',
    '{{ document.hasOwnProperty }}',
    '{{ totals.toString }}',
    '{{ lines | map: "constructor" | first }}',
    '{{ process }}{{ global }}{{ globalThis }}{{ require }}',
  ])('%s renders nothing', async (source) => {
    expect(await renderTemplate(source, view)).toBe('');
  });

  it('cannot call the Function constructor through a loop object', async () => {
    const output = await renderTemplate(
      '{% for i in (1..1) %}[{{ forloop.constructor.constructor }}]{% endfor %}',
      view,
    ).catch((error: unknown) => (error instanceof TemplateRenderError ? `error:${error.code}` : 'other'));
    expect(output).not.toMatch(/function|native code/i);
  });

  it('does not let one render change the view another render sees', async () => {
    const copy = demoDocumentView('en');
    await renderTemplate('{% assign document = "x" %}{% increment counter %}', copy);
    expect(copy).toEqual(demoDocumentView('en'));
    expect(await renderTemplate('{{ counter }}', copy)).toBe('');
  });

  it('treats an unknown filter as an error, reported at upload with its line', () => {
    const result = validateTemplate('line one\n{{ document.number | shell: "rm -rf /" }}');
    expect(result).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(/undefined filter: shell/) });
  });

  it('renders unknown variables as nothing rather than failing', async () => {
    expect(await renderTemplate('[{{ nothing.here }}]', view)).toBe('[]');
  });
});

describe('validateTemplate', () => {
  it('accepts a correct template', () => {
    expect(validateTemplate('{% if document.number %}{{ document.number }}{% endif %}')).toEqual({ ok: true });
  });

  it.each([
    ['an unclosed tag', '<html>\n<body>\n{% if document.number %}\nx\n</body>', 3],
    ['an unclosed output', 'a\nb\n{{ document.number', 3],
    ['an unknown tag', '\n\n\n{% shell "ls" %}', 4],
    ['a stray end tag', 'a\n{% endfor %}', 2],
  ])('reports %s with its line', (_name, source, line) => {
    const result = validateTemplate(source);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.line).toBe(line);
      expect(result.message).not.toMatch(/line:\d/);
      expect(result.message.length).toBeGreaterThan(5);
    }
  });

  it('rejects a template that is too large to parse', () => {
    const result = validateTemplate('x'.repeat(1_000_001));
    expect(result).toMatchObject({ ok: false, line: null, message: expect.stringMatching(/parse length limit/) });
  });

  it('renderTemplate reports a syntax error as TEMPLATE_ERROR with its line', async () => {
    const error = await renderError('ok\n{% for x in lines %}');
    expect(error).toMatchObject({ code: 'TEMPLATE_ERROR', line: 2 });
  });
});
