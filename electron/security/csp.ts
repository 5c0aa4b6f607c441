/**
 * The renderer's Content Security Policy, one definition for both hosts.
 * Nothing inline, nothing remote: scripts and styles come from the app's own
 * origin; the only connection allowed is the web shell's own bridge socket
 * (Electron's renderer makes no network connections at all: SIP runs in main).
 */
export function rendererCsp(options: { bridgeSocket?: string } = {}): string {
  const connect = options.bridgeSocket ? `'self' ${options.bridgeSocket}` : "'self'";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self' blob: data:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Headers every renderer document is served with, in addition to the CSP. */
export const RENDERER_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy':
    'microphone=(self), speaker-selection=(self), hid=(self), camera=(), geolocation=(), usb=(), serial=(), bluetooth=(), payment=()',
};
