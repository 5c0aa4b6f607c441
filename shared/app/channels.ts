/** Channel names of the app area (zod-free: the preload imports these). */
export const APP_COMMANDS = [
  'app.getInfo',
  'app.listNotices',
  'app.dismissNotice',
  'diagnostics.ping',
  'diagnostics.probeMedia',
  'media.ready',
  'app.reportError',
  'app.windowFocus',
  'app.reportLanguages',
] as const;
export const APP_EVENTS = ['app.notice', 'diagnostics.pinged'] as const;
export const APP_MEDIA = ['media.probe'] as const;
