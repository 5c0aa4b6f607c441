import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from '../security/app-origin';
import { rendererCsp, RENDERER_SECURITY_HEADERS } from '../security/csp';
import { contentTypeFor, resolveStaticPath } from '../security/static-files';

/** Must run before `app` is ready: gives app:// a real, secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the renderer build on app://switchboard/ with the CSP and security headers, and nothing outside it. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStaticPath(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      const headers: Record<string, string> = { 'Content-Type': contentTypeFor(file), ...RENDERER_SECURITY_HEADERS };
      if (file.endsWith('.html')) headers['Content-Security-Policy'] = rendererCsp();
      return new Response(body, { status: 200, headers });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
