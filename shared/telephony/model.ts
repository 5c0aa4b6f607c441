import * as z from 'zod';
import { recordingPausesSchema } from './recording-pause';
import { doNotCallOverrideSchema } from '../agent/do-not-call';
import { warmHandoffSchema } from './user-to-user';
import { userTextSchema } from '../text/user-text';

/** Caller names and numbers come from the network: plain text, bounded. */
export const MAX_DISPLAY_NAME = 80;
export const MAX_NUMBER = 64;

// ---------------------------------------------------------------- registration

export const REGISTRATION_STATUSES = [
  /** No account configured (or no password stored). */
  'unconfigured',
  /** Opening the WebSocket to the server. */
  'connecting',
  /** Connected; REGISTER sent, waiting for the answer. */
  'registering',
  'registered',
  /** Was registered, lost the connection; the next attempt is at `retryAt`. */
  'reconnecting',
  /** Could not reach any server; the next attempt is at `retryAt`. */
  'unreachable',
  /** The server refused the credentials. No retries until the account changes or the agent asks. */
  'auth-failed',
  /** The server refused the registration for another reason; retried with a long back-off. */
  'rejected',
  /**
   * The secure connection (wss://) failed on the server's certificate (`certificate` says how).
   * Retried on the long back-off: only IT can fix it, by the server's certificate or the machine's
   * trusted CAs (the extraCaFile policy).
   */
  'certificate-failed',
  /** The phone is switched off (shutdown, or account being replaced). */
  'stopped',
  /**
   * Not connecting: the SIP server is ws:// to another machine and IT policy requires encryption
   * (`encryptionRequired`). Stays until the account or the policy changes.
   */
  'blocked-by-policy',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Why a server certificate was not accepted, in the few kinds the agent and IT need told apart. */
export const CERTIFICATE_PROBLEMS = ['untrusted', 'expired', 'not-yet-valid', 'wrong-name', 'revoked', 'invalid'] as const;
export type CertificateProblem = (typeof CERTIFICATE_PROBLEMS)[number];

export const registrationStateSchema = z.strictObject({
  status: z.enum(REGISTRATION_STATUSES),
  /** When this status began (epoch ms). */
  since: z.number().int(),
  /** When the next automatic attempt happens (epoch ms), for "Reconnecting in 4 s". */
  retryAt: z.number().int().nullable(),
  /** Consecutive failed attempts since the last success. */
  attempt: z.number().int().min(0),
  /** SIP status code of the last refusal (401, 403, 503…), if any. */
  code: z.number().int().nullable(),
  /** Which configured server is in use or being tried. */
  server: z.enum(['primary', 'backup']).nullable(),
  /** The address of record, sip:user@domain; null when unconfigured. */
  aor: z.string().max(400).nullable(),
  /** With `certificate-failed` only: what was wrong with the server's certificate. */
  certificate: z.enum(CERTIFICATE_PROBLEMS).optional(),
});
export type RegistrationState = z.output<typeof registrationStateSchema>;

// ---------------------------------------------------------------- quality

/** The readings of one call kept for the diagnostics zip: the last minute at one every 2 s. */
export const MAX_QUALITY_SAMPLES = 30;

/** One quality reading of a call, taken every 2 s by the media engine from WebRTC's statistics. */
export const qualitySampleSchema = z.strictObject({
  at: z.number().int(),
  /** Inbound jitter in milliseconds. */
  jitterMs: z.number().min(0),
  /** Inbound packets lost in the last interval, in percent. */
  lossPct: z.number().min(0).max(100),
  /** Round trip time in milliseconds (from RTCP or the ICE pair); null until known. */
  rttMs: z.number().min(0).nullable(),
  /** Estimated MOS (1–4.5), see shared/telephony/quality.ts for the formula. */
  mos: z.number().min(1).max(5),
  /** Packets received in the interval: 0 means no audio is arriving. */
  packetsReceived: z.number().int().min(0),
  /** Packets lost in the interval. */
  packetsLost: z.number().int().min(0),
  /** Inbound audio level 0..1 (speech activity), when known. */
  audioLevel: z.number().min(0).max(1).nullable(),
});
export type QualitySample = z.output<typeof qualitySampleSchema>;

export const qualitySummarySchema = z.strictObject({
  samples: z.number().int().min(0),
  mosAvg: z.number().nullable(),
  mosMin: z.number().nullable(),
  jitterMsAvg: z.number().nullable(),
  jitterMsMax: z.number().nullable(),
  /** Loss over the whole call, in percent. */
  lossPct: z.number().nullable(),
  rttMsAvg: z.number().nullable(),
});
export type QualitySummary = z.output<typeof qualitySummarySchema>;

// ---------------------------------------------------------------- calls

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export const CALL_STATUSES = [
  /** Outbound: INVITE sent, no ringing yet. */
  'dialing',
  /** Outbound: the far end is ringing (180/183). */
  'ringing-out',
  /** Inbound: offered to the agent, not answered yet. */
  'ringing-in',
  /** Inbound: answered, media being set up. */
  'connecting',
  /** Talking (the far end may still have us on hold: see `remoteHold`). */
  'active',
  /** On hold, as accepted by the far end. */
  'held',
  'ended',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const END_REASONS = [
  'local-hangup',
  'remote-hangup',
  /** Inbound call the agent rejected. */
  'rejected',
  /** Inbound call that stopped ringing before it was answered. */
  'missed',
  /** Outbound call the agent cancelled before it was answered. */
  'cancelled',
  'busy',
  'no-answer',
  'declined',
  'not-found',
  /** The call was transferred away (blind or attended). */
  'transferred',
  /** Replaced by another dialog (RFC 3891), e.g. the agent was the target of an attended transfer. */
  'replaced',
  /** The far end's audio could not be used (codecs, no ICE/DTLS): 488 to an offer, BYE after an answer. */
  'incompatible-media',
  'failed',
] as const;
export type EndReason = (typeof END_REASONS)[number];

export const MEDIA_STATES = [
  /** No media yet (ringing, dialing). */
  'none',
  'ok',
  /** The window holding the audio engine closed or reloaded: no audio until it is back. */
  'lost',
  /** Audio is being re-established after the window came back. */
  'restoring',
] as const;
export type MediaState = (typeof MEDIA_STATES)[number];

export const TRANSFER_STATES = ['pending', 'accepted', 'failed'] as const;

/** Recording of a call as the pause command left it; `pausing` / `resuming`: the command is on its way. */
export const RECORDING_STATES = ['recording', 'pausing', 'paused', 'resuming'] as const;
export type RecordingState = (typeof RECORDING_STATES)[number];

export const callSchema = z.strictObject({
  /** Switchboard's own id for the call (not the SIP Call-ID). */
  id: z.string().min(1).max(64),
  direction: z.enum(CALL_DIRECTIONS),
  status: z.enum(CALL_STATUSES),
  remote: z.strictObject({
    /** The number or extension (user part of the remote address), plain text. */
    number: z.string().max(MAX_NUMBER),
    /** The caller's display name as sent by the network: plain text, never markup. */
    displayName: z.string().max(MAX_DISPLAY_NAME).nullable(),
  }),
  muted: z.boolean(),
  /** A hold or resume re-INVITE is in flight; `status` changes only when the far end accepts. */
  holdPending: z.enum(['hold', 'resume']).nullable(),
  /** The far end has put the agent on hold. */
  remoteHold: z.boolean(),
  media: z.enum(MEDIA_STATES),
  /** Inbound call offered while another call is in progress (call waiting). */
  waiting: z.boolean(),
  /** This call is a consultation for the call with this id (attended transfer). */
  consultFor: z.string().nullable(),
  /**
   * This call took the place of the call with this id: the agent was the target of an attended
   * transfer (INVITE with Replaces), so the party they were talking to handed them the customer.
   */
  replaces: z.string().optional(),
  transfer: z
    .strictObject({
      kind: z.enum(['blind', 'attended']),
      state: z.enum(TRANSFER_STATES),
      /** What the agent typed or picked. */
      target: z.string().max(MAX_NUMBER + 200),
      /** SIP status of a failed transfer. */
      code: z.number().int().nullable(),
    })
    .nullable(),
  startedAt: z.number().int(),
  answeredAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  /** Seconds spent on hold so far (finished hold periods). */
  holdSeconds: z.number().min(0),
  /** Start of the current hold, if held. */
  heldSince: z.number().int().nullable(),
  endReason: z.enum(END_REASONS).nullable(),
  /** SIP status code behind the end (486, 404…), when there was one. */
  endCode: z.number().int().nullable(),
  /** A problem the agent should see on this call ("The other side refused to hold the call (488)."), as a message the window translates. */
  problem: userTextSchema.nullable(),
  /**
   * PCI secure pause (electron/telephony/recording-pause.ts): whether the PBX was asked to stop
   * recording, and since when. Absent when policy sets no pause command.
   */
  recording: z
    .strictObject({
      state: z.enum(RECORDING_STATES),
      /** When the current pause began (epoch ms); null while recording. */
      pausedSince: z.number().int().nullable(),
    })
    .optional(),
  /** Placed to a number on the do-not-call list with a supervisor's approval (its interaction record keeps it). */
  doNotCallOverride: doNotCallOverrideSchema.optional(),
  /**
   * Warm transfer (shared/telephony/user-to-user.ts): on an inbound call, the case context another
   * agent's consultation INVITE carried; on a consultation we place, the context we sent.
   */
  handoff: warmHandoffSchema.optional(),
});
export type Call = z.output<typeof callSchema>;

/** What a call log stores when a call ends. */
export const callEndedSchema = z.strictObject({
  callId: z.string(),
  direction: z.enum(CALL_DIRECTIONS),
  remoteNumber: z.string().max(MAX_NUMBER),
  remoteDisplayName: z.string().max(MAX_DISPLAY_NAME).nullable(),
  startedAt: z.number().int(),
  answeredAt: z.number().int().nullable(),
  endedAt: z.number().int(),
  /** Seconds between answer and end, 0 when never answered. */
  talkSeconds: z.number().min(0),
  holdSeconds: z.number().min(0),
  endReason: z.enum(END_REASONS),
  endCode: z.number().int().nullable(),
  /** Set when the call went to someone else. */
  transferredTo: z
    .string()
    .max(MAX_NUMBER + 200)
    .nullable(),
  consultFor: z.string().nullable(),
  quality: qualitySummarySchema,
  /** Why the call could not go on, one message for the agent (media unusable, the server gone); null for ordinary ends. */
  problem: userTextSchema.nullable(),
  /** The intervals recording was paused (PCI secure pause), in seconds from the answer; a pause still on at the end ends with the call. */
  recordingPauses: recordingPausesSchema.optional(),
});
export type CallEnded = z.output<typeof callEndedSchema>;

export const callOfferedSchema = z.strictObject({
  callId: z.string(),
  number: z.string().max(MAX_NUMBER),
  displayName: z.string().max(MAX_DISPLAY_NAME).nullable(),
  at: z.number().int(),
  /** Another call is already in progress. */
  waiting: z.boolean(),
  /** A warm transfer's case context from the INVITE's User-to-User header: the pop looks up its customer and case. */
  handoff: warmHandoffSchema.optional(),
});
export type CallOffered = z.output<typeof callOfferedSchema>;

// ---------------------------------------------------------------- audio devices

/** A device the agent picked, remembered by id and label (ids can change when a device is re-plugged). */
export const deviceChoiceSchema = z.strictObject({
  id: z.string().max(200),
  /** The device's own name, to find it again when its id changes; '' for one without a name (the window says "Unnamed device" in its language). */
  label: z.string().max(200),
});
export type DeviceChoice = z.output<typeof deviceChoiceSchema>;

export const devicePrefsSchema = z.strictObject({
  /** null means the system default. */
  microphone: deviceChoiceSchema.nullable(),
  speaker: deviceChoiceSchema.nullable(),
  ringer: deviceChoiceSchema.nullable(),
});
export type DevicePrefs = z.output<typeof devicePrefsSchema>;

export const DEFAULT_DEVICE_PREFS: DevicePrefs = { microphone: null, speaker: null, ringer: null };

// ---------------------------------------------------------------- diagnostics

export const sipTraceEntrySchema = z.strictObject({
  at: z.number().int(),
  direction: z.enum(['in', 'out']),
  /** Request or status line. */
  firstLine: z.string().max(300),
  /** Header lines; Authorization and Proxy-Authorization are removed. No bodies. */
  headers: z.array(z.string().max(1000)).max(60),
});
export type SipTraceEntry = z.output<typeof sipTraceEntrySchema>;
