/**
 * PCI secure pause: the command that asks the PBX to stop recording a call while the customer gives
 * card details, and the one that starts it again. No standard exists for it: RFC 6086 (SIP INFO)
 * leaves the meaning of an INFO to the two ends, and PBXs use either an in-dialog INFO or a DTMF
 * feature code (docs/interop.md, "Recording pause"). IT picks one by policy (shared/policy/keys.ts).
 */
import * as z from 'zod';
import { formatDuration } from '../time/duration';
// IT reads why a value is refused in the policy view, in the window's language (shared/policy/rule-text.ts).
import { rule } from '../policy/rule-text';

export const RECORDING_PAUSE_METHODS = ['sip-info', 'dtmf', 'off'] as const;
export type RecordingPauseMethod = (typeof RECORDING_PAUSE_METHODS)[number];

/** A MIME type as RFC 2045 §5.1 writes one: type/subtype, tokens only, no parameters. */
const TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";
export const infoContentTypeSchema = z
  .string()
  .trim()
  .max(100, rule('policy.rule.atMostCharacters', { maximum: 100 }))
  .regex(new RegExp(`^${TOKEN}/${TOKEN}$`), rule('telephony.rule.mimeType'));

/** Control characters other than CR and LF: a body is text a PBX admin can read and match. */
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL_CHARACTERS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;

/** An INFO body: printable text and line breaks (sent as CRLF), at most 1,000 characters. */
export const infoBodySchema = z
  .string()
  .min(1, rule('policy.rule.notEmpty'))
  .max(1000, rule('policy.rule.atMostCharacters', { maximum: 1000 }))
  .refine((body) => !CONTROL_CHARACTERS.test(body), rule('telephony.rule.plainText'));

/** A feature code: the keys a phone keypad sends, as a PBX's feature codes are written (*1, #9, *72). */
export const dtmfCodeSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Da-d*#]{1,16}$/, rule('telephony.rule.keypadKeys'));

export const recordingPauseConfigSchema = z.strictObject({
  method: z.enum(RECORDING_PAUSE_METHODS),
  infoContentType: infoContentTypeSchema,
  infoPauseBody: infoBodySchema,
  infoResumeBody: infoBodySchema,
  dtmfPause: dtmfCodeSchema,
  dtmfResume: dtmfCodeSchema,
});
export type RecordingPauseConfig = z.output<typeof recordingPauseConfigSchema>;

/**
 * What a fresh install uses. The method is off: an agent told "recording paused" by a PBX that
 * ignored the command would read card numbers onto a recording, so IT turns it on for a PBX that
 * understands it. The INFO body follows the `Record: on` / `Record: off` convention of desk phones
 * (docs/interop.md), with pause and resume in place of on and off.
 */
export const DEFAULT_RECORDING_PAUSE: RecordingPauseConfig = {
  method: 'off',
  infoContentType: 'text/plain',
  infoPauseBody: 'Record: pause',
  infoResumeBody: 'Record: resume',
  dtmfPause: '*1',
  dtmfResume: '*2',
};

export type RecordingAction = 'pause' | 'resume';

/** The request that carries one action: an INFO with its body, or keypad tones. */
export type RecordingCommand = { kind: 'info'; contentType: string; body: string } | { kind: 'dtmf'; tones: string };

/** The command for `action` under `config`; null when the method is off. */
export function recordingCommand(config: RecordingPauseConfig, action: RecordingAction): RecordingCommand | null {
  if (config.method === 'off') return null;
  if (config.method === 'dtmf') return { kind: 'dtmf', tones: (action === 'pause' ? config.dtmfPause : config.dtmfResume).toUpperCase() };
  const body = action === 'pause' ? config.infoPauseBody : config.infoResumeBody;
  // SIP bodies of text types end lines with CRLF (RFC 3261 §7.4 takes the body as its type defines it; text/* uses CRLF).
  return { kind: 'info', contentType: config.infoContentType, body: body.replace(/\r?\n/g, '\r\n') };
}

// ---------------------------------------------------------------- paused intervals

/** Who asked for the pause: the agent (button, shortcut) or a guided script's payment step. */
export const RECORDING_PAUSE_ORIGINS = ['agent', 'script'] as const;
export type RecordingPauseOrigin = (typeof RECORDING_PAUSE_ORIGINS)[number];

/** More pauses than this in one call are merged into the last one (a stuck key cannot grow a record). */
export const MAX_RECORDING_PAUSES = 20;

/** One paused interval, in whole seconds from the call's answer. */
export const recordingPauseSchema = z
  .strictObject({
    startSec: z.number().int().min(0),
    endSec: z.number().int().min(0),
    by: z.enum(RECORDING_PAUSE_ORIGINS),
  })
  .refine((p) => p.endSec >= p.startSec, { message: 'endSec must not be before startSec', path: ['endSec'] });
export type RecordingPause = z.output<typeof recordingPauseSchema>;

export const recordingPausesSchema = z.array(recordingPauseSchema).max(MAX_RECORDING_PAUSES);

/** The interval from `pausedAt` to `resumedAt` as offsets from `answeredAt` (epoch ms). */
export function pauseInterval(answeredAt: number, pausedAt: number, resumedAt: number, by: RecordingPauseOrigin): RecordingPause {
  const startSec = Math.max(0, Math.floor((pausedAt - answeredAt) / 1000));
  const endSec = Math.max(startSec, Math.ceil((resumedAt - answeredAt) / 1000));
  return { startSec, endSec, by };
}

/** Adds an interval, merging into the last one past MAX_RECORDING_PAUSES. */
export function addPause(pauses: readonly RecordingPause[], pause: RecordingPause): RecordingPause[] {
  if (pauses.length < MAX_RECORDING_PAUSES) return [...pauses, pause];
  const last = pauses[pauses.length - 1]!;
  return [...pauses.slice(0, -1), { ...last, endSec: Math.max(last.endSec, pause.endSec) }];
}

/** The call note's line for one interval: "Recording paused 0:42–1:30 (PCI)". */
export function describePause(pause: RecordingPause): string {
  return `Recording paused ${formatDuration(pause.startSec * 1000)}–${formatDuration(pause.endSec * 1000)} (PCI${pause.by === 'script' ? ', payment step' : ''})`;
}
