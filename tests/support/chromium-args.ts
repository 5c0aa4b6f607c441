import { rendererJsFlagsSwitch } from '../../electron/core/renderer-js-flags';

/**
 * The flags every suite and bench launches Debian's Chromium with (docs/telephony-lab.md): a fake
 * microphone (a beep), no prompts, loopback ICE, and the app window's own settings. A light module
 * of its own, so playwright.config.ts takes the list without loading the lab.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // Required: without it Chromium gathers no candidates in a loopback-only network namespace.
  '--allow-loopback-in-peer-connection',
  // An incoming call rings before any click, as in the app's window.
  '--autoplay-policy=no-user-gesture-required',
  // The product's renderer V8 flags, so tests and benches run the window as agents do.
  rendererJsFlagsSwitch(),
];
