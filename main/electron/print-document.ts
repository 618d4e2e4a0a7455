/**
 * How a badge document is prepared for Electron's hidden print window. Kept apart from
 * printing.ts (which needs 'electron') so real Chromium can check it in the badge tests
 * (tests/db/badges-glyphs.test.ts).
 */

/**
 * The print window's policy: the badge document is static (inline styles, fonts and logo as
 * data: URLs, QR codes as inline SVG; see main/core/badges/render.ts), so it may load nothing
 * and run no script of its own, whatever text an attendee's name holds.
 */
export const printDocumentPolicy = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'font-src data:',
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The document with its policy as the first thing in <head>, before anything it could govern. */
export function printableDocument(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${printDocumentPolicy}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length);
  return `<!doctype html><html><head>${meta}</head><body>${html}</body></html>`;
}

/**
 * Run by the driver (not the page) after the load event: Chromium starts loading the fonts a
 * badge uses when it lays the text out, so at `load` most are still to come (measured: 3 of the
 * fonts in, the rest ~85 ms later). Printing then would draw with no font or another one.
 */
export const fontsReadyScript = 'document.fonts.ready.then(() => document.fonts.status)';
