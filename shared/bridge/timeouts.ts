import type { CommandChannel } from './channels';

/**
 * How long each side of the bridge waits for the other: every number, with its reason, in one
 * place (docs/architecture.md, "Bridge timeouts").
 *
 * Renderer → main (commands). Main answers every command within its channel's time: a handler
 * still running then is answered `timeout` for it (it may still finish; main logs which one), so
 * the agent is told instead of looking at a button that never comes back. Each time sits above
 * the times of what the handler waits on (store requests, electron/store/call-timeouts.ts; SIP
 * transactions; media requests below), so the more specific error arrives first. The renderer
 * waits that long plus COMMAND_REPLY_GRACE_MS and then asks main whether it answers at all; only
 * when it does not is the command failed there. A command waiting for the core to start (a
 * one-time database update can take minutes) is therefore never failed while main is alive.
 *
 * Main → renderer (media requests). Every request has a time: MEDIA_TIMEOUT_MS unless the caller
 * gives its own, never more than MEDIA_TIMEOUT_MAX_MS.
 */

/**
 * A command's time unless listed below: above a store write's 30 s (the longest thing most
 * handlers wait on) with room for the handler's own work.
 */
export const COMMAND_TIMEOUT_MS = 45_000;

/** Call control waits on SIP (a transaction gives up after 32 s) and on media requests (30 s + ICE gathering); answering or resuming a call can chain a hold, an offer and an answer. */
const CALL_CONTROL_MS = 180_000;

const COMMAND_TIMEOUTS: Partial<Record<CommandChannel, number>> = {
  'telephony.setAccount': CALL_CONTROL_MS,
  'telephony.dial': CALL_CONTROL_MS,
  'telephony.answer': CALL_CONTROL_MS,
  'telephony.reject': CALL_CONTROL_MS,
  'telephony.hangup': CALL_CONTROL_MS,
  'telephony.hold': CALL_CONTROL_MS,
  'telephony.resume': CALL_CONTROL_MS,
  'telephony.mute': CALL_CONTROL_MS,
  'telephony.sendDtmf': CALL_CONTROL_MS,
  // An INFO waits for its final answer (up to 32 s on a silent PBX).
  'telephony.pauseRecording': CALL_CONTROL_MS,
  'telephony.resumeRecording': CALL_CONTROL_MS,
  // A payment step's start and tick wait on the same pause and resume.
  'scripts.step': CALL_CONTROL_MS,
  'scripts.close': CALL_CONTROL_MS,
  'telephony.blindTransfer': CALL_CONTROL_MS,
  'telephony.consult': CALL_CONTROL_MS,
  'telephony.completeTransfer': CALL_CONTROL_MS,
  'telephony.cancelTransfer': CALL_CONTROL_MS,
  'telephony.setDevices': CALL_CONTROL_MS,
  /** The pre-shift check's SIP probes (5 s each), its echo call's offer, ring (15 s), audio wait and measure, and hang-up. */
  'preShift.callTest': CALL_CONTROL_MS,
  /** Reads the store's status, asks the media engine for counters and devices, and zips the logs. */
  'diagnostics.export': 120_000,
  /** The store's bulk requests (an import) may take 30 minutes before the store itself gives up. */
  'store.import.commit': 31 * 60_000,
};

export function commandTimeoutMs(channel: CommandChannel): number {
  return COMMAND_TIMEOUTS[channel] ?? COMMAND_TIMEOUT_MS;
}

/** How much longer than main's time the renderer waits: main's `timeout` answer is on its way. */
export const COMMAND_REPLY_GRACE_MS = 5_000;

/**
 * How long main may take to answer the renderer's "are you there?" (`app.getInfo`, answered from
 * memory and never held for the start): a main thread that cannot do that is not answering anything.
 */
export const MAIN_ALIVE_TIMEOUT_MS = 5_000;

/** A media request's time when its caller gives none: the engine answers in milliseconds unless WebRTC itself waits. */
export const MEDIA_TIMEOUT_MS = 10_000;

/** The most any media request may wait (the longest, creating an offer, asks for 30 s + up to 10 s of ICE gathering). */
export const MEDIA_TIMEOUT_MAX_MS = 120_000;

/** `requested` kept within 1 ms … `max` (not a number, or infinite: `max`), so every request ends. */
export function boundedTimeoutMs(requested: number, max: number): number {
  if (!Number.isFinite(requested)) return max;
  return Math.min(Math.max(1, Math.round(requested)), max);
}

/**
 * Closing an ended call's media: the engine only stops its tracks and answers the call's quality.
 * The call's log record waits for that answer, so an engine that does not answer in 2 s costs the
 * record its quality, not its time.
 */
export const MEDIA_CLOSE_TIMEOUT_MS = 2_000;
