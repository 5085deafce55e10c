// Chromium lays a page out twice: once for the screen when it loads, and again for print when it
// is printed. Nobody sees the screen layout, yet it costs about a fifth of a render's CPU (the
// call list of a detailed invoice is long). A style that hides the root element for the screen
// only makes that first layout empty; the print layout, with its own media, is the same as before.
// Images, and fonts and backgrounds from data: URLs, still come out in the print.

const SCREEN_HIDDEN = '<style>@media screen { :root { display: none !important } }</style>';

/** Elements whose content is text to the parser: a `<body` inside them is no tag. */
const RAW_TEXT = /^<(style|script|title|textarea|xmp|noscript|template)\b/i;

/** Where the body's start tag is, skipping comments and raw text; -1 if the page has none. */
function bodyTagAt(html: string): number {
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    if (html.startsWith('<!--', at)) {
      at = html.indexOf('-->', at + 4);
      if (at < 0) return -1;
      continue;
    }
    const raw = RAW_TEXT.exec(html.slice(at, at + 12));
    if (raw) {
      const close = new RegExp(`</${raw[1]!}`, 'ig');
      close.lastIndex = at + 1;
      if (!close.exec(html)) return -1;
      at = close.lastIndex - 1;
      continue;
    }
    if (/^<body\b/i.test(html.slice(at, at + 6))) return at;
  }
  return -1;
}

/**
 * The page with the style that skips its screen layout, put just before the body tag (the parser
 * moves it into the head, so it adds no element to the body that selectors could count). A page
 * without a body tag is answered as it is.
 */
export function printLayoutOnly(html: string): string {
  const body = bodyTagAt(html);
  return body < 0 ? html : html.slice(0, body) + SCREEN_HIDDEN + html.slice(body);
}
