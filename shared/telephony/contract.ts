import * as z from 'zod';
import { overrideInputSchema } from '../agent/do-not-call';
import type { CommandSpec, MediaSpec } from '../bridge/spec';
import type { TELEPHONY_COMMANDS, TELEPHONY_EVENTS, TELEPHONY_MEDIA } from './channels';
import {
  callEndedSchema,
  callSchema,
  deviceChoiceSchema,
  devicePrefsSchema,
  MAX_QUALITY_SAMPLES,
  qualitySampleSchema,
  qualitySummarySchema,
  registrationStateSchema,
  sipTraceEntrySchema,
} from './model';
import { accountInputSchema, accountSummarySchema, DTMF_MODES, ICE_TRANSPORT_POLICIES, iceServerSchema } from './settings';
import { HOTKEY_ACTIONS } from '../hotkeys/accelerator';
import { DTLS_ROLES_WHILE_RINGING } from './dtls-role';

const empty = z.strictObject({});
export const RING_MODES = ['off', 'ring', 'soft', 'ringback'] as const;
export type RingMode = (typeof RING_MODES)[number];
const callId = z.string().min(1).max(64);
const byCall = z.strictObject({ callId });
/** Digits and the keys a phone keypad sends. */
export const dtmfTones = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[0-9A-Da-d*#]+$/, 'may hold only 0-9, *, # and A-D');
const dialInput = z.string().trim().min(1, 'enter a number or extension').max(200);
const sdp = z
  .string()
  .min(10)
  .max(64 * 1024);

const telephonyState = z.strictObject({
  registration: registrationStateSchema,
  calls: z.array(callSchema).max(16),
  account: accountSummarySchema.nullable(),
  devices: devicePrefsSchema,
  dtmfMode: z.enum(DTMF_MODES),
  /** Region used for numbers typed without a country code. */
  defaultRegion: z.string(),
  /** Server and domain IT policy enforces (shown read-only; the agent enters only their own credentials); null when not enforced. */
  lockedAddress: z.strictObject({ server: z.string(), backupServer: z.string().nullable(), domain: z.string() }).nullable(),
});
export type TelephonyState = z.output<typeof telephonyState>;

/**
 * The agent's calls as main sees them: pushed once per change (changes within one tick go out as
 * one push). A call that rings appears in `calls` as `ringing-in`; one that ended leaves `calls`
 * and is `lastEnded`, with what the call log got. `ring` is what the media engine plays for all
 * the calls together (main decides it: ringtone, a soft one over a call, our ringback, nothing).
 */
export const phoneViewSchema = z.strictObject({
  calls: z.array(callSchema).max(16),
  ring: z.enum(RING_MODES),
  lastEnded: callEndedSchema.nullable(),
});
export type PhoneView = z.output<typeof phoneViewSchema>;

/** The call controls (answer, hold, hang up…) answer the phone view as the command left it; the pushes follow later changes. */
export const telephonyCommands = {
  /** Everything the phone UI shows; the renderer calls it on every (re)connection. */
  'telephony.getState': { request: empty, response: telephonyState },
  /** Stores the SIP account (password into the SecretStore) and registers with it. */
  'telephony.setAccount': {
    request: accountInputSchema,
    response: z.strictObject({ registration: registrationStateSchema, account: accountSummarySchema }),
  },
  /** Try to register now (after a wrong password was fixed on the server, or to skip a back-off wait). */
  'telephony.reconnect': { request: empty, response: registrationStateSchema },
  /**
   * Places an outbound call. A number on the do-not-call list is refused with `forbidden`, its issues
   * saying so (shared/agent/do-not-call.ts); where policy allows, the same dial with the supervisor's
   * approval (`doNotCallOverride`) places it.
   */
  'telephony.dial': {
    request: z.strictObject({ target: dialInput, doNotCallOverride: overrideInputSchema.optional() }),
    response: z.strictObject({ callId, dialled: z.string() }),
  },
  /** Answers a ringing call; a call in progress is put on hold first (call waiting). */
  'telephony.answer': { request: byCall, response: phoneViewSchema },
  'telephony.reject': { request: byCall, response: phoneViewSchema },
  /** Ends the call whatever its state (cancel, reject or BYE). */
  'telephony.hangup': { request: byCall, response: phoneViewSchema },
  'telephony.hold': { request: byCall, response: phoneViewSchema },
  /** Takes the call off hold; another active call is put on hold first. */
  'telephony.resume': { request: byCall, response: phoneViewSchema },
  'telephony.mute': { request: z.strictObject({ callId, muted: z.boolean() }), response: phoneViewSchema },
  'telephony.sendDtmf': {
    request: z.strictObject({ callId, tones: dtmfTones }),
    response: z.strictObject({ sentAs: z.enum(DTMF_MODES) }),
  },
  /**
   * PCI secure pause: asks the PBX to stop recording the call, with the command IT's policy sets
   * (electron/telephony/recording-pause.ts). Answers once the PBX confirmed it; refused with a
   * sentence when no command is set up, the call is not answered, or the PBX refused it.
   */
  'telephony.pauseRecording': { request: byCall, response: phoneViewSchema },
  /** Asks the PBX to record the call again; the paused interval goes into the call's record. */
  'telephony.resumeRecording': { request: byCall, response: phoneViewSchema },
  'telephony.blindTransfer': { request: z.strictObject({ callId, target: dialInput }), response: phoneViewSchema },
  /** Puts the call on hold and calls `target` to consult before an attended transfer. */
  'telephony.consult': { request: z.strictObject({ callId, target: dialInput }), response: z.strictObject({ callId }) },
  /** Joins the customer (`callId`) to the consulted party (`consultCallId`) and leaves both calls. */
  'telephony.completeTransfer': { request: z.strictObject({ callId, consultCallId: callId }), response: phoneViewSchema },
  /**
   * Ends the consultation `callId` (CANCEL while it rings, BYE once answered) and takes the customer
   * it was for off hold: the attended transfer is called off. Answers once the customer is back.
   */
  'telephony.cancelTransfer': { request: byCall, response: phoneViewSchema },
  /** Remembers the agent's audio devices and applies them now, also mid-call. Omitted fields stay as they are. */
  'telephony.setDevices': {
    request: z.strictObject({
      microphone: deviceChoiceSchema.nullable().optional(),
      speaker: deviceChoiceSchema.nullable().optional(),
      ringer: deviceChoiceSchema.nullable().optional(),
    }),
    response: devicePrefsSchema,
  },
  /** The last SIP messages (first lines and headers, credentials removed) for diagnostics. */
  'telephony.getSipTrace': { request: empty, response: z.strictObject({ entries: z.array(sipTraceEntrySchema).max(500) }) },
} as const satisfies Record<(typeof TELEPHONY_COMMANDS)[number], CommandSpec>;

export const telephonyEvents = {
  'telephony.registration': registrationStateSchema,
  'telephony.view': phoneViewSchema,
  'telephony.devices': devicePrefsSchema,
  /**
   * The agent pressed a global hotkey (Electron, policy `globalHotkeys`) while another application
   * had focus: the window acts as on its own shortcut, on the call that shortcut would take.
   */
  'telephony.hotkey': z.strictObject({ action: z.enum(HOTKEY_ACTIONS) }),
} as const satisfies Record<(typeof TELEPHONY_EVENTS)[number], z.ZodType>;

/** How the media engine sets up a call's peer connection. */
export const mediaConfigSchema = z.strictObject({
  iceServers: z.array(iceServerSchema).max(8),
  iceTransportPolicy: z.enum(ICE_TRANSPORT_POLICIES).default('all'),
  iceGatheringTimeoutMs: z.number().int().min(10).max(10_000),
  dtlsRoleWhileRinging: z.enum(DTLS_ROLES_WHILE_RINGING).default('auto'),
  muted: z.boolean(),
});
export type MediaConfig = z.output<typeof mediaConfigSchema>;

const rawAudioStats = z.strictObject({
  at: z.number(),
  packetsReceived: z.number().min(0),
  packetsLost: z.number(),
  jitterSec: z.number().nullable(),
  rttSec: z.number().nullable(),
  audioLevel: z.number().nullable(),
  totalAudioEnergy: z.number().nullable(),
  packetsSent: z.number().min(0),
  codec: z.string().max(100).nullable(),
});

const transceiverInfo = z.strictObject({
  mid: z.string().nullable(),
  direction: z.string(),
  currentDirection: z.string().nullable(),
});

const deviceOutcome = z.strictObject({
  /** `chosen`: the remembered device is in use; `default`: none was chosen; `fallback`: the chosen one is missing. */
  using: z.enum(['chosen', 'default', 'fallback']),
  label: z.string().max(200).nullable(),
});

export const telephonyMedia = {
  /**
   * Opens the microphone and a peer connection ahead of an answer (called while an inbound call
   * rings), and applies the caller's `offer` as `setDescription` with `whileRinging` would: main's
   * early look at it, so an offer the engine refuses fails this request with `incompatible`. With
   * an offer it also makes and sets the answer, the microphone kept off the call: the next
   * `getDescription` (the Answer) returns that answer and puts the microphone on.
   */
  'telephony.media.prepare': { params: z.strictObject({ callId, config: mediaConfigSchema, offer: sdp.optional() }), result: empty },
  /**
   * Creates the local offer or answer (from the connection's signalling state) and waits for ICE
   * candidates, or returns the answer made while the call rang. `hold` sets the direction to
   * sendonly for a hold re-INVITE.
   */
  'telephony.media.getDescription': {
    params: z.strictObject({ callId, hold: z.boolean(), config: mediaConfigSchema }),
    result: z.strictObject({
      sdp,
      gatheringMs: z.number().min(0),
      candidates: z.number().int().min(0),
      /** What ended the wait for candidates (see shared/telephony/ice-policy.ts). */
      ended: z.enum(['complete', 'enough', 'timeout']),
      /** The answer was made while the call rang (telephony.media.prepare): the gathering figures are from then. */
      madeWhileRinging: z.boolean().optional(),
    }),
  },
  /**
   * Applies the remote offer or answer (from the connection's signalling state). `whileRinging`:
   * main's early look at an inbound offer, applied only if the connection has no remote
   * description yet (the Answer may already have applied it and moved on).
   */
  'telephony.media.setDescription': {
    params: z.strictObject({ callId, sdp, config: mediaConfigSchema, whileRinging: z.boolean().optional() }),
    result: empty,
  },
  /** Undoes a local offer the far end refused. */
  'telephony.media.rollback': { params: byCall, result: empty },
  /**
   * Closes the call's peer connection and releases its microphone; sent once per call, when it
   * ended. Answers the quality the engine measured over the call (null when it had no such call),
   * which main writes to the call log, and its last readings for the diagnostics zip.
   */
  'telephony.media.close': {
    params: byCall,
    result: z.strictObject({ quality: qualitySummarySchema.nullable(), samples: z.array(qualitySampleSchema).max(MAX_QUALITY_SAMPLES) }),
  },
  /** RFC 4733 telephone-events; `sent: false` when the call negotiated none (main falls back to SIP INFO). */
  'telephony.media.sendDtmf': {
    params: z.strictObject({
      callId,
      tones: dtmfTones,
      durationMs: z.number().int().min(40).max(6000),
      gapMs: z.number().int().min(30).max(6000),
    }),
    result: z.strictObject({ sent: z.boolean() }),
  },
  'telephony.media.setMuted': { params: z.strictObject({ callId, muted: z.boolean() }), result: empty },
  /** Cumulative audio counters (diagnostics); `stats: null` when the engine has no such call. */
  'telephony.media.stats': { params: byCall, result: z.strictObject({ stats: rawAudioStats.nullable() }) },
  /** The call's connection in detail, for diagnostics (and tests: transceiver directions). */
  'telephony.media.inspect': {
    params: byCall,
    result: z.strictObject({
      found: z.boolean(),
      signalingState: z.string().nullable(),
      iceConnectionState: z.string().nullable(),
      connectionState: z.string().nullable(),
      transceivers: z.array(transceiverInfo).max(8),
      stats: rawAudioStats.nullable(),
      /** The selected ICE pair's candidate types (`relay`: through TURN); null until ICE has chosen one. */
      route: z
        .strictObject({
          local: z.string().max(20).nullable(),
          remote: z.string().max(20).nullable(),
          relayProtocol: z.string().max(20).nullable(),
        })
        .nullable(),
      outputDevice: z.string().max(200).nullable(),
    }),
  },
  /**
   * What the engine has open across all calls: its calls, peer connections not closed, live
   * microphone tracks and call audio elements. All 0 when no call is up (diagnostics, leak tests).
   */
  'telephony.media.counters': {
    params: z.strictObject({}),
    result: z.strictObject({
      calls: z.number().int().min(0),
      peerConnections: z.number().int().min(0),
      liveTracks: z.number().int().min(0),
      audioElements: z.number().int().min(0),
    }),
  },
  /** The agent's remembered devices; applied to calls in progress too. */
  'telephony.media.setDevices': {
    params: z.strictObject({ prefs: devicePrefsSchema }),
    result: z.strictObject({ microphone: deviceOutcome, speaker: deviceOutcome, ringer: deviceOutcome }),
  },
} as const satisfies Record<(typeof TELEPHONY_MEDIA)[number], MediaSpec>;
