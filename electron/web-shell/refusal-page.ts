import type { ServerResponse } from 'node:http';
import type { CodeRefusal } from './launch-auth';

export type PageRefusal = CodeRefusal | 'no-session' | 'other-user';

const HOW_TO_GET_IN =
  'Start Switchboard again and use the window it opens. If it runs with --no-open, press Enter in its terminal for a new link.';

const TEXT: Readonly<Record<PageRefusal, { title: string; body: string }>> = {
  'no-session': {
    title: 'Open Switchboard from its own window',
    body: 'This address works only in the window Switchboard opened, which signed in with a one-time link.',
  },
  used: {
    title: 'This link has already been used',
    body: 'Each Switchboard link opens the app once. If you did not open it yourself, someone else on this computer may have: quit Switchboard.',
  },
  expired: {
    title: 'This link has expired',
    body: 'Switchboard links work for a minute after they are made.',
  },
  'other-user': {
    title: 'This Switchboard belongs to another user',
    body: 'Switchboard answers only the user on this computer who started it. The link was not used up.',
  },
  unknown: {
    title: 'This link is not valid',
    body: 'It does not belong to the Switchboard running now (it may have been restarted).',
  },
};

/**
 * The page a browser gets instead of the app: what was wrong, and how to get in.
 * Static text only, served under a CSP that allows nothing, so it can hold no data and run nothing.
 */
export function sendRefusalPage(res: ServerResponse, why: PageRefusal, head: boolean): void {
  const { title, body } = TEXT[why];
  const html = `<!doctype html>\n<html lang="en"><meta charset="utf-8"><title>Switchboard: ${title}</title>\n<h1>${title}</h1>\n<p role="alert">${body}</p>\n<p>${HOW_TO_GET_IN}</p>\n</html>\n`;
  res.writeHead(why === 'no-session' ? 401 : 403, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(html)),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(head ? undefined : html);
}
