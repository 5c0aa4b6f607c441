import * as z from 'zod';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import { mediaConfigSchema } from '../telephony/contract';
import { userTextSchema } from '../text/user-text';
import type { PRE_SHIFT_COMMANDS, PRE_SHIFT_EVENTS, PRE_SHIFT_MEDIA } from './channels';

/**
 * The pre-shift check's measurements and result. Everything here goes into the diagnostics zip
 * and the log: device names (a headset's model), levels, codes and figures. No audio, no numbers
 * dialled, no names.
 */

const level = z.number().min(0).max(1);
const ms = z.number().min(0).max(600_000);
const deviceLabel = z.string().max(120);

export const microphoneMeasureSchema = z.strictObject({
  /** The input the check listened to, as the agent's device list names it. */
  device: deviceLabel,
  /** Loudest 50 ms window, RMS 0..1 of full scale. */
  peakLevel: level,
  /** 50 ms windows at speech level (SPEECH_LEVEL and above). */
  loudWindows: z.number().int().min(0).max(10_000),
  /** Why the microphone could not be opened at all; null when it was. */
  problem: z.enum(['denied', 'not-found', 'failed']).nullable(),
});
export type MicrophoneMeasure = z.output<typeof microphoneMeasureSchema>;

export const speakerMeasureSchema = z.strictObject({
  device: deviceLabel,
  /** What the agent said after the test tone; null when the tone could not play. */
  heard: z.boolean().nullable(),
  /** Why the tone could not play (a DOMException name); null when it played. */
  problem: z.string().max(80).nullable(),
});
export type SpeakerMeasure = z.output<typeof speakerMeasureSchema>;

export const ECHO_CALL_STATUSES = [
  /** No echo extension in policy (preShiftEchoExtension): the step is skipped. */
  'not-configured',
  /** The phone was not registered: no call was placed. */
  'not-registered',
  /** The server or the extension answered the INVITE with a failure (sipCode). */
  'refused',
  /** Nobody answered within the ring time; the call was cancelled. */
  'no-answer',
  /** The call connected but its audio did not (ICE, DTLS, the media engine). */
  'no-media',
  /** Connected and measured. */
  'connected',
  /** The check was cancelled during the call. */
  'cancelled',
] as const;
export type EchoCallStatus = (typeof ECHO_CALL_STATUSES)[number];

/** What the echo call's audio and WebRTC statistics showed (the media engine's reading). */
export const echoMediaSchema = z.strictObject({
  /** RMS 0..1 of the audio received during the measured stretch (inbound-rtp totalAudioEnergy). */
  echoLevel: level,
  packetsReceived: z.number().int().min(0),
  packetsLost: z.number().int().min(0),
  /** Lost / (received + lost) over the stretch, in percent. */
  lossPct: z.number().min(0).max(100),
  /** inbound-rtp jitter at the end of the stretch, ms. */
  jitterMs: ms.nullable(),
  /** remote-inbound-rtp roundTripTime, else the ICE pair's currentRoundTripTime, ms. */
  rttMs: ms.nullable(),
  rttSource: z.enum(['rtcp', 'ice']).nullable(),
  seconds: z.number().min(0).max(600),
});
export type EchoMedia = z.output<typeof echoMediaSchema>;

export const echoMeasureSchema = z.strictObject({
  status: z.enum(ECHO_CALL_STATUSES),
  /** The final SIP response when refused (404, 486, 503…); null otherwise. */
  sipCode: z.number().int().min(100).max(699).nullable(),
  media: echoMediaSchema.nullable(),
});
export type EchoMeasure = z.output<typeof echoMeasureSchema>;

export const networkMeasureSchema = z.strictObject({
  /** Round trips of the SIP probes (OPTIONS) that were answered, ms, in the order sent. */
  sipRoundTripsMs: z.array(ms).max(10),
  /** Probes sent. */
  probes: z.number().int().min(0).max(10),
  /** Why no probe could be sent (not registered, no connection); null when they were. */
  problem: z.enum(['not-registered', 'failed']).nullable(),
});
export type NetworkMeasure = z.output<typeof networkMeasureSchema>;

export const STEP_IDS = ['microphone', 'speaker', 'echo', 'network'] as const;
export type StepId = (typeof STEP_IDS)[number];
export const STEP_OUTCOMES = ['pass', 'warn', 'fail', 'skipped', 'cancelled'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

export const stepVerdictSchema = z.strictObject({
  step: z.enum(STEP_IDS),
  outcome: z.enum(STEP_OUTCOMES),
  /** One sentence: what was found (a message the window shows in the agent's language). */
  summary: userTextSchema,
  /** What to do about it, in plain words; empty when nothing. */
  advice: z.array(userTextSchema).max(6),
});
export type StepVerdict = z.output<typeof stepVerdictSchema>;

/** The four measurements; a step the agent cancelled before is null. */
export const preShiftMeasuresSchema = z.strictObject({
  microphone: microphoneMeasureSchema.nullable(),
  speaker: speakerMeasureSchema.nullable(),
  echo: echoMeasureSchema.nullable(),
  network: networkMeasureSchema.nullable(),
  /** The agent pressed Cancel: the steps not measured are "cancelled", not failed. */
  cancelled: z.boolean(),
});
export type PreShiftMeasures = z.output<typeof preShiftMeasuresSchema>;

export const preShiftResultSchema = z.strictObject({
  /** ISO 8601, when the check ended. */
  at: z.string().max(40),
  outcome: z.enum(['pass', 'warn', 'fail', 'cancelled']),
  steps: z.array(stepVerdictSchema).max(STEP_IDS.length),
  measures: preShiftMeasuresSchema,
});
export type PreShiftResult = z.output<typeof preShiftResultSchema>;

const empty = z.strictObject({});
const testId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^pre-shift-[A-Za-z0-9-]+$/, 'must be a pre-shift test id');

export const preShiftCommands = {
  /** Whether IT set an echo extension, and the last check's result (for the offer and the card). */
  'preShift.status': {
    request: empty,
    response: z.strictObject({ echoConfigured: z.boolean(), last: preShiftResultSchema.nullable() }),
  },
  /**
   * The echo test call and the SIP round trips. Refused with `conflict` while a call is up (or
   * another check runs). Answers when the call has ended and its media is closed.
   */
  'preShift.callTest': {
    request: empty,
    response: z.strictObject({ echo: echoMeasureSchema, network: networkMeasureSchema }),
  },
  /** Ends a running echo call at once (it answers as `cancelled`); nothing running: nothing happens. */
  'preShift.cancel': { request: empty, response: z.strictObject({ cancelled: z.boolean() }) },
  /** The check's measurements: main judges them (the same rules), keeps the result for diagnostics and logs it. */
  'preShift.record': { request: preShiftMeasuresSchema, response: preShiftResultSchema },
} as const satisfies Record<(typeof PRE_SHIFT_COMMANDS)[number], CommandSpec>;

export const preShiftEvents = {} as const satisfies Record<(typeof PRE_SHIFT_EVENTS)[number], z.ZodType>;

const sdp = z
  .string()
  .min(10)
  .max(64 * 1024);

export const preShiftMedia = {
  /** Opens the echo call's connection with a test signal as its audio and answers its SDP offer (candidates included). */
  'preShift.media.offer': { params: z.strictObject({ testId, config: mediaConfigSchema }), result: z.strictObject({ sdp }) },
  /** The echo extension's SDP answer. */
  'preShift.media.answer': { params: z.strictObject({ testId, sdp }), result: empty },
  /** Waits for audio, then measures the echo and the statistics over `seconds`. */
  'preShift.media.measure': {
    params: z.strictObject({ testId, seconds: z.number().min(1).max(30) }),
    result: z.strictObject({ media: echoMediaSchema.nullable() }),
  },
  /** Closes the connection and stops the test signal; `closed` false when there was none. */
  'preShift.media.close': { params: z.strictObject({ testId }), result: z.strictObject({ closed: z.boolean() }) },
} as const satisfies Record<(typeof PRE_SHIFT_MEDIA)[number], MediaSpec>;
