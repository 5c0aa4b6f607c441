import * as z from 'zod';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import type { APP_COMMANDS, APP_EVENTS, APP_MEDIA } from './channels';
import { userTextSchema } from '../text/user-text';
import { REPORT_MESSAGE_MAX, REPORT_NAME_MAX, REPORT_WHERE_MAX } from './error-report';

const empty = z.strictObject({});

/** A BCP 47 tag as browsers give it ("de-AT", "zh-Hant-TW"): letters, digits and hyphens, at most 35 characters. */
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8}){0,4}$/;
/** A browser lists a handful; more is not a browser's list. */
const MAX_LANGUAGES = 16;

export const HOST_KINDS = ['electron', 'web'] as const;
export type HostKind = (typeof HOST_KINDS)[number];

export const NOTICE_LEVELS = ['info', 'warning', 'error'] as const;

const appInfo = z.strictObject({
  name: z.string(),
  version: z.string(),
  host: z.enum(HOST_KINDS),
  platform: z.string(),
  startedAt: z.number().int(),
});

const mediaProbe = z.strictObject({
  engine: z.string(),
  webrtc: z.boolean(),
  getUserMedia: z.boolean(),
  outputSelection: z.boolean(),
});

export const appMedia = {
  /** What the media engine can do on this machine. */
  'media.probe': { params: empty, result: mediaProbe },
} as const satisfies Record<(typeof APP_MEDIA)[number], MediaSpec>;

const notice = z.strictObject({
  id: z.string().min(1).max(64),
  level: z.enum(NOTICE_LEVELS),
  /** A key and values the window translates (`shared/text/user-text.ts`), never a sentence. */
  message: userTextSchema,
});

export const appCommands = {
  'app.getInfo': { request: empty, response: appInfo },
  /**
   * The notices main raised that the agent has not dismissed, oldest first: a window that opens
   * or reloads after main raised them (a policy problem at start, an SLA breached overnight) still
   * shows them.
   */
  'app.listNotices': { request: empty, response: z.strictObject({ notices: z.array(notice).max(50) }) },
  /** The agent closed a notice: it is not shown again, also not after a reload. */
  'app.dismissNotice': { request: z.strictObject({ id: z.string().min(1).max(64) }), response: empty },
  /** Round trip through the bridge; main also emits `diagnostics.pinged`. Used for the bridge health read-out. */
  'diagnostics.ping': {
    request: z.strictObject({ nonce: z.string().min(1).max(64) }),
    response: z.strictObject({ nonce: z.string(), receivedAt: z.number().int() }),
  },
  /** Asks the media engine, through main, what it can do: proves media RPC works end to end. */
  'diagnostics.probeMedia': { request: empty, response: mediaProbe },
  /** The renderer's media engine is loaded and takes media RPC from now on. */
  'media.ready': { request: z.strictObject({ engine: z.string().min(1).max(64) }), response: empty },
  /**
   * An error or promise rejection nobody in the renderer handled (shared/app/error-report.ts scrubs
   * it first). Main logs it as a warning: otherwise it is only in a console nobody has open.
   */
  'app.reportError': {
    request: z.strictObject({
      kind: z.enum(['error', 'rejection']),
      name: z.string().min(1).max(REPORT_NAME_MAX),
      message: z.string().max(REPORT_MESSAGE_MAX),
      where: z.string().max(REPORT_WHERE_MAX).nullable(),
    }),
    response: empty,
  },
  /**
   * The page gained or lost the agent's attention (focus, blur, shown, hidden). Only the web shell
   * asks: it cannot see the browser window, and a ringing call notifies only when the agent is
   * not looking at Switchboard (electron/telephony/ring-attention.ts).
   */
  'app.windowFocus': { request: z.strictObject({ focused: z.boolean() }), response: empty },
  /**
   * The page's preferred languages (`navigator.languages`), sent at connect. In the web shell, which
   * runs on a server, they stand for "system" in the text main shows itself (electron/core/main-language.ts).
   */
  'app.reportLanguages': {
    request: z.strictObject({ languages: z.array(z.string().regex(LANGUAGE_TAG, { error: 'is not a language tag' })).max(MAX_LANGUAGES) }),
    response: empty,
  },
} as const satisfies Record<(typeof APP_COMMANDS)[number], CommandSpec>;

export const appEvents = {
  /** Something the agent should read: a fallback taken, a setting refused, a device gone. */
  'app.notice': notice,
  'diagnostics.pinged': z.strictObject({ nonce: z.string(), at: z.number().int() }),
} as const satisfies Record<(typeof APP_EVENTS)[number], z.ZodType>;

export type AppInfo = z.output<typeof appInfo>;
export type Notice = z.output<(typeof appEvents)['app.notice']>;
