import { describe, expect, it } from 'vitest';
import { counterSheet, splitPageCounters } from './page-counters.ts';

const head = (css: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${css}</style></head><body>`;

describe('Taking page counters out of a page for a combined print', () => {
  it('moves only the margin boxes that count pages, with the page size and margins, to the counter sheet', () => {
    const split = splitPageCounters(
      head(
        '@page { size: A4; margin: 14mm 14mm 16mm; background: #eee;' +
          ' @top-left { content: "ACME {Ltd}" } @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 7pt } }' +
          ' body { color: red }',
      ),
    );
    expect(split?.head).toContain('@top-left { content: "ACME {Ltd}" }');
    expect(split?.head).toContain('background: #eee;');
    expect(split?.head).toContain('body { color: red }');
    expect(split?.head).not.toContain('counter(');
    expect(split?.sheetCss).toBe(
      '@page { size: A4; margin: 14mm 14mm 16mm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 7pt } }',
    );
  });

  it('takes the page size from every plain @page rule, and the fonts the template embeds', () => {
    const split = splitPageCounters(
      head(
        '@font-face { font-family: Foot; src: url(data:font/woff2;base64,AAAA) }' +
          ' @page { size: A5 landscape } @page { @bottom-center { content: counter(page); font-family: Foot } }',
      ),
    );
    expect(split?.sheetCss).toBe(
      '@font-face { font-family: Foot; src: url(data:font/woff2;base64,AAAA) }\n' +
        '@page { size: A5 landscape; @bottom-center { content: counter(page); font-family: Foot } }',
    );
  });

  it('leaves pages without counters, and counters it cannot take apart, as they are', () => {
    expect(splitPageCounters(head('@page { size: A4; @top-left { content: "x" } }'))).toBeNull();
    // A counter outside a margin box of a plain @page rule stays where it is: the page prints alone.
    expect(splitPageCounters(head('@page :first { @bottom-right { content: counter(page) } }'))).toBeNull();
    expect(
      splitPageCounters(head('@page { @bottom-right { content: counter(page) } } p::after { content: counter(page) }')),
    ).toBeNull();
    expect(splitPageCounters(head('@page { @bottom-right { content: counter(page) }'))).toBeNull();
  });

  it('makes a sheet of exactly the pages asked for', () => {
    const sheet = counterSheet('@page { size: A4 }', 3);
    expect(sheet.match(/<div /g)).toHaveLength(3);
    expect(sheet.match(/break-before:page/g)).toHaveLength(2);
  });
});
