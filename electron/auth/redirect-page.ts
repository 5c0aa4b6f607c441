import { createHash } from 'node:crypto';
import type { SupportedLanguage } from '../../shared/text/language';

/**
 * The page the system browser shows at the end of a sign-in, served by the loopback listener.
 * Self-contained: no script, no external resource, one inline style allowed by its hash.
 */

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;' +
  'background:#f5f6f8;color:#1c1e21}main{max-width:32rem;padding:2rem;background:#fff;border-radius:8px;' +
  'box-shadow:0 1px 4px rgba(0,0,0,.15)}h1{font-size:1.25rem;margin:0 0 .5rem}p{margin:0}';

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');

/** Nothing but the one style may run or load; the page can be neither framed nor used to post anywhere. */
export const REDIRECT_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const REDIRECT_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': REDIRECT_PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  // The address bar holds the authorization code until the tab is closed: send it nowhere.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  Connection: 'close',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page; `language` is its `lang` (a screen reader's voice), the language title and text are in. */
export function redirectPage(title: string, text: string, language: SupportedLanguage = 'en'): string {
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>`
  );
}
