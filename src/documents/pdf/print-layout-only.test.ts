import { describe, expect, it } from 'vitest';
import { printLayoutOnly } from './print-layout-only.ts';

const HIDDEN = '<style>@media screen { :root { display: none !important } }</style>';

describe('Skipping the screen layout of a page that is only printed', () => {
  it('puts the screen-only style just before the body tag', () => {
    const html = '<!DOCTYPE html><html><head><title>A</title></head><body class="x"><p>1</p></body></html>';
    expect(printLayoutOnly(html)).toBe(
      `<!DOCTYPE html><html><head><title>A</title></head>${HIDDEN}<body class="x"><p>1</p></body></html>`,
    );
  });

  it('skips a body tag named in comments, styles, scripts and titles', () => {
    const head =
      '<html><head><!-- <body> --><title>On <body></title><style>/* <body> */ p { color: red }</style>' +
      '<script>"<body>"</script></head>';
    expect(printLayoutOnly(`${head}<BODY><p>x</p></BODY></html>`)).toBe(`${head}${HIDDEN}<BODY><p>x</p></BODY></html>`);
  });

  it('leaves a page without a body tag, or with an unclosed comment before it, as it is', () => {
    for (const html of ['<p>bare</p>', '<html><head><!-- <body></head><body></body>', '<style><body>'])
      expect(printLayoutOnly(html)).toBe(html);
  });
});
