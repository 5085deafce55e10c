import fc from 'fast-check';
import { Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { createTemplateEngine } from './engine.ts';

// The counted range loop replaces LiquidJS's own for tag, so it must behave exactly like it on
// every range a real template could use; a stock LiquidJS instance is the reference.

const stock = new Liquid();
const ours = createTemplateEngine();

async function both(source: string, scope: Record<string, unknown> = {}): Promise<[string, string]> {
  const expected = (await stock.parseAndRender(source, scope)) as string;
  const actual = (await ours.parseAndRender(source, scope)) as string;
  return [actual, expected];
}

const BODY =
  '{{ i }}:{{ forloop.index }}/{{ forloop.index0 }}/{{ forloop.rindex }}/{{ forloop.rindex0 }}/{{ forloop.first }}/{{ forloop.last }}/{{ forloop.length }};';

describe('counted range loops behave like LiquidJS loops', () => {
  it.each([
    `{% for i in (1..5) %}${BODY}{% endfor %}`,
    `{% for i in (3..1) %}${BODY}{% else %}empty{% endfor %}`,
    `{% for i in (1..10) offset: 2 limit: 3 %}${BODY}{% endfor %}`,
    `{% for i in (1..10) reversed offset: 8 %}${BODY}{% endfor %}`,
    `{% for i in (1..10) limit: 0 %}${BODY}{% else %}empty{% endfor %}`,
    `{% for i in (1..10) offset: 20 %}${BODY}{% else %}empty{% endfor %}`,
    `{% for i in (1..6) limit: 2 %}{{ i }}{% endfor %}|{% for i in (1..6) offset: continue limit: 2 %}{{ i }}{% endfor %}`,
    `{% for i in (1..9) %}{% if i == 3 %}{% continue %}{% endif %}{% if i == 6 %}{% break %}{% endif %}{{ i }}{% endfor %}`,
    `{% for i in (1..3) %}{% for j in (i..3) %}{{ i }}{{ j }}{{ forloop.parentloop.index }} {% endfor %}{% endfor %}`,
    `{% for i in (a..b) %}{{ i }}{% endfor %}`,
    `{% for i in (x..y) %}{{ i }}{% else %}none{% endfor %}`,
    `{% for i in (1..5) offset: -2 %}{{ i }}{% endfor %}`,
    `{% for i in (1.7..4.2) %}{{ i }}{% endfor %}`,
  ])('%s', async (source) => {
    const [actual, expected] = await both(source, { a: '2', b: 4 });
    expect(actual).toBe(expected);
  });

  it('matches on random bounds and modifiers (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -5, max: 15 }),
        fc.integer({ min: -5, max: 15 }),
        fc.option(fc.nat({ max: 12 })),
        fc.option(fc.nat({ max: 12 })),
        fc.boolean(),
        async (low, high, offset, limit, reversed) => {
          const modifiers = [
            offset === null ? '' : `offset: ${offset}`,
            limit === null ? '' : `limit: ${limit}`,
            reversed ? 'reversed' : '',
          ];
          const source = `{% for i in (${low}..${high}) ${modifiers.join(' ')} %}${BODY}{% else %}E{% endfor %}`;
          const [actual, expected] = await both(source);
          expect(actual).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves loops over collections to LiquidJS', async () => {
    const [actual, expected] = await both(
      `{% for x in xs reversed limit: 2 %}${BODY.replace(/\{\{ i \}\}/, '{{ x }}')}{% endfor %}`,
      { xs: ['a', 'b', 'c'] },
    );
    expect(actual).toBe(expected);
  });
});
