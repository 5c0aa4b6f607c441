import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { acceptLanguageTags, pickLanguage, type SupportedLanguage } from '../../shared/text/language';
import { translate } from '../../shared/text/translate';
import { userText, type UserText } from '../../shared/text/user-text';
import { oauthErrors, type OAuthError, type ProviderLabel } from './oauth-error';
import { REDIRECT_PAGE_HEADERS, redirectPage } from './redirect-page';

/**
 * The redirect end of a native app's sign-in (RFC 8252 §7.3): a one-shot HTTP listener on
 * 127.0.0.1 (the IP literal, not `localhost`, §8.3), on a port the OS picks unless the provider
 * needs a registered one, at a fixed path. It takes exactly one request, the one carrying the
 * sign-in's `state`; anything else (a favicon, a stale tab, another page guessing) is answered
 * 404/400 and changes nothing. The browser's request is held until the sign-in knows its outcome,
 * so the tab says "signed in" only once the tokens are in hand.
 */

export const CALLBACK_PATH = '/oauth/callback';
export const DEFAULT_REDIRECT_TIMEOUT_MS = 5 * 60_000;
/** How long the browser's tab is kept waiting for the code exchange before it gets a neutral page. */
const HOLD_MS = 60_000;

export interface LoopbackRedirectOptions {
  provider: ProviderLabel;
  /** The `state` sent in the authorization request; only a request carrying it is accepted. */
  expectedState: string;
  /** 0 (default): a port the OS picks. */
  port?: number;
  /** How long to wait for the redirect. Default 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * The agent's `language` setting (system | en | de) for the pages the browser shows. Left out, or
   * "system": the browser's own languages (its Accept-Language), which stand for the system's here.
   */
  language?: () => string | null;
}

/** A failure's `message`: the sign-in's own sentence (OAuthError `text`), or one already in English. */
export type RedirectOutcome = { ok: true } | { ok: false; message: UserText | string };

export interface LoopbackCallback {
  /** The URL the browser was sent to: the redirect URI with `code` (or `error`) and `state`. */
  readonly url: URL;
  /** Answers the held browser request with the outcome page, then stops listening. Later calls do nothing. */
  finish(outcome: RedirectOutcome): Promise<void>;
}

export interface LoopbackRedirect {
  /** `http://127.0.0.1:<port>/oauth/callback`, for the authorization request. */
  readonly redirectUri: string;
  readonly port: number;
  /** The accepted request; rejects with OAuthError `timeout` or `aborted` (also when closed first). */
  readonly callback: Promise<LoopbackCallback>;
  /** Stops listening; answers a held request with a neutral page. Idempotent. */
  close(): Promise<void>;
}

function sameState(received: string | null, expected: string): boolean {
  if (received === null) return false;
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The page's language: the setting, else the browser's, else English (shared/text/language.ts). */
function pageLanguage(req: IncomingMessage, setting: (() => string | null) | undefined): SupportedLanguage {
  const header = req.headers['accept-language'];
  return pickLanguage(setting?.() ?? null, acceptLanguageTags(typeof header === 'string' ? header : undefined));
}

/** Answers with the page in the language chosen for the request it answers. */
function answer(res: ServerResponse, status: number, title: UserText, text: UserText, language: SupportedLanguage): Promise<void> {
  return new Promise((resolve) => {
    if (res.writableEnded || res.destroyed) {
      resolve();
      return;
    }
    // A tab closed meanwhile never takes the page: 'close' ends the wait as well as 'finish' does.
    res.once('close', () => resolve());
    res.on('error', () => undefined);
    res.writeHead(status, REDIRECT_PAGE_HEADERS);
    res.end(redirectPage(translate(title, language), translate(text, language), language), () => resolve());
  });
}

function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

export async function listenForRedirect(options: LoopbackRedirectOptions): Promise<LoopbackRedirect> {
  const { provider, expectedState } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_REDIRECT_TIMEOUT_MS;
  if (options.signal?.aborted) throw oauthErrors.aborted(provider);

  let accepted = false;
  let closed = false;
  let held: { res: ServerResponse; language: SupportedLanguage } | null = null;
  let holdTimer: NodeJS.Timeout | undefined;
  let resolveCallback!: (callback: LoopbackCallback) => void;
  let rejectCallback!: (error: OAuthError) => void;
  const callback = new Promise<LoopbackCallback>((resolve, reject) => {
    resolveCallback = resolve;
    rejectCallback = reject;
  });
  // Whoever started the sign-in may stop awaiting (the browser failed to open): no unhandled rejection.
  callback.catch(() => undefined);

  const server = createServer((req, res) => handle(req, res));
  server.on('clientError', (_error, socket) => socket.destroy());

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const what =
        error.code === 'EADDRINUSE'
          ? userText('sso.oauthSetup.portInUse', { port: options.port ?? 0 })
          : userText('sso.oauthSetup.cannotWait', { code: error.code ?? 'listen failed' });
      reject(oauthErrors.configuration(provider, what));
    });
    server.listen({ host: '127.0.0.1', port: options.port ?? 0, exclusive: true }, () => resolve((server.address() as AddressInfo).port));
  });
  const redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`;
  const expectedHost = `127.0.0.1:${port}`;

  const serverClosed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  let stopped = false;
  /** Resolves once the port is free again and no connection is left. */
  const stopListening = (): Promise<void> => {
    if (!stopped) {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(holdTimer);
      options.signal?.removeEventListener('abort', onAbort);
      if (server.listening) server.close();
      server.closeAllConnections();
    }
    return serverClosed;
  };

  const end = async (error: OAuthError): Promise<void> => {
    if (closed) {
      if (stopped) await serverClosed;
      return;
    }
    closed = true;
    const response = held;
    held = null;
    if (response)
      await answer(
        response.res,
        200,
        userText('notification.signInPage.returnTitle'),
        userText('notification.signInPage.returnText', { provider: provider.name }),
        response.language,
      );
    await stopListening();
    // After the port is free: whoever hears of the end may start the next sign-in at once.
    rejectCallback(error);
  };
  const close = (): Promise<void> => end(oauthErrors.aborted(provider));
  const fail = (error: OAuthError): void => {
    if (!accepted) void end(error);
  };
  const timer = setTimeout(() => fail(oauthErrors.timeout(provider, timeoutMs)), timeoutMs);
  timer.unref();
  const onAbort = (): void => fail(oauthErrors.aborted(provider));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // Aborted while the port was being opened: 'abort' has already fired.
  if (options.signal?.aborted) onAbort();

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', redirectUri);
    if (url.pathname !== CALLBACK_PATH) {
      plain(res, 404, 'Not found');
      return;
    }
    if (req.method !== 'GET') {
      plain(res, 405, 'Method not allowed', { Allow: 'GET' });
      return;
    }
    // A page elsewhere that resolves its own name to 127.0.0.1 (DNS rebinding) sends its own Host.
    const rightHost = req.headers.host === expectedHost;
    const params = url.searchParams;
    const isResponse = params.has('code') || params.has('error');
    if (!rightHost || !isResponse || accepted || closed || !sameState(params.get('state'), expectedState)) {
      void answer(
        res,
        400,
        userText('notification.signInPage.strayTitle'),
        userText('notification.signInPage.strayText', { provider: provider.name }),
        pageLanguage(req, options.language),
      );
      return;
    }
    accepted = true;
    clearTimeout(timer);
    // No new connections from here on; the held one stays until finish().
    server.close();
    held = { res, language: pageLanguage(req, options.language) };
    // The tab must not spin forever if the exchange never reports back.
    holdTimer = setTimeout(() => void close(), HOLD_MS);
    holdTimer.unref();
    let finished = false;
    resolveCallback({
      url,
      async finish(outcome) {
        if (finished) return;
        finished = true;
        const response = held;
        held = null;
        if (response) {
          const names = { provider: provider.name };
          if (outcome.ok) {
            await answer(
              response.res,
              200,
              userText('notification.signInPage.signedInTitle', names),
              userText('notification.signInPage.signedIn', names),
              response.language,
            );
          } else {
            await answer(
              response.res,
              400,
              userText('notification.signInPage.failedTitle', names),
              userText('notification.signInPage.failed', { problem: outcome.message }),
              response.language,
            );
          }
        }
        closed = true;
        await stopListening();
      },
    });
  }

  return { redirectUri, port, callback, close };
}
