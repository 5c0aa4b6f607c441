import { isAppUrl } from './app-origin';

/**
 * Deny-by-default web permission policy for the renderer. The app needs the
 * microphone (calls), output-device selection (headset vs ringer), HID (headset
 * call buttons) and clipboard writes (copy a case number), and only for its own
 * top-level page. Camera, screen capture, geolocation and everything else: no.
 */
const ALLOWED_FOR_APP = new Set(['media', 'speaker-selection', 'hid', 'clipboard-sanitized-write']);

export interface PermissionQuery {
  permission: string;
  /** URL (or origin) of the frame asking. */
  requestingUrl: string;
  isMainFrame: boolean;
  /** For `media` requests: which kinds are wanted. */
  mediaTypes?: readonly string[];
  /** For `media` checks: the single kind being checked. */
  mediaType?: string;
}

export function isPermissionAllowed(query: PermissionQuery): boolean {
  if (!ALLOWED_FOR_APP.has(query.permission)) return false;
  if (!query.isMainFrame || !isAppUrl(query.requestingUrl)) return false;
  if (query.permission === 'media') {
    const kinds = query.mediaTypes ?? (query.mediaType ? [query.mediaType] : []);
    // A check without a kind is how Chromium asks before enumerating devices; a request must name audio only.
    return kinds.every((kind) => kind === 'audio');
  }
  return true;
}

/** USB HID usage page for telephony devices (answer, hang up, mute buttons on headsets). */
export const HID_TELEPHONY_USAGE_PAGE = 0x0b;

export interface HidDeviceFacts {
  collections: readonly { usagePage: number }[];
}

/** Only HID devices with a telephony collection (headsets, speakerphones) may be opened. */
export function isHidDeviceAllowed(origin: string, device: HidDeviceFacts): boolean {
  return isAppUrl(origin) && device.collections.some((c) => c.usagePage === HID_TELEPHONY_USAGE_PAGE);
}

/** Schemes the app may hand to the OS (`shell.openExternal`): web pages and e-mail. Nothing that runs programs. */
export const EXTERNAL_SCHEMES: ReadonlySet<string> = new Set(['https:', 'mailto:']);

export function isExternalUrlAllowed(url: string): boolean {
  try {
    const parsed = new URL(url);
    return EXTERNAL_SCHEMES.has(parsed.protocol) && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
