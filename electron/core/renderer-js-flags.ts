/**
 * V8 flags for the window's renderer, the same in Electron (the `js-flags` switch, electron/main.ts)
 * and in the web shell's Chromium (electron/web-shell/app-window-args.ts).
 *
 * `--max-semi-space-size=1`: the young generation stays at 1 MiB semi-spaces instead of growing to
 * 16 MiB with the start's burst of work and keeping them for the shift. The window's objects live
 * for a render or an event; a smaller nursery costs more frequent, shorter scavenges. Measured: the
 * idle window's renderer 5-14 MB smaller (PSS), the screen pop no slower (docs/performance.md,
 * "Young generations").
 */
export const RENDERER_JS_FLAGS = '--max-semi-space-size=1';

/** The flags as one Chromium command-line switch. */
export function rendererJsFlagsSwitch(): string {
  return `--js-flags=${RENDERER_JS_FLAGS}`;
}
