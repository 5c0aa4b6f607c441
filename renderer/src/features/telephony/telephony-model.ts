import type { Call, QualitySample } from '../../../../shared/telephony/model';
import { qualityLabel } from '../../../../shared/telephony/quality';

/**
 * Pure helpers behind the phone bar: which call the controls act on, and the
 * words the agent reads. No DOM, no bridge: unit-tested in Node.
 */

/** Puts a changed call into the list (or takes it out once it ended), keeping the order calls arrived in. */
export function upsertCall(calls: readonly Call[], call: Call): Call[] {
  if (call.status === 'ended') return calls.filter((c) => c.id !== call.id);
  const index = calls.findIndex((c) => c.id === call.id);
  if (index === -1) return [...calls, call];
  const next = [...calls];
  next[index] = call;
  return next;
}

const TALKING: ReadonlySet<Call['status']> = new Set(['dialing', 'ringing-out', 'connecting', 'active']);

/**
 * The call the main controls (Hang up, Hold, Mute, Keypad, Transfer) act on:
 * the one being talked on or set up, else the most recent call on hold. A
 * call that is only ringing in is never "the" call: it has Answer / Decline.
 */
export function primaryCall(calls: readonly Call[]): Call | null {
  const talking = calls.filter((c) => TALKING.has(c.status));
  if (talking.length > 0) return talking[talking.length - 1] ?? null;
  const held = calls.filter((c) => c.status === 'held');
  return held[held.length - 1] ?? null;
}

/** Inbound calls still ringing, oldest first. */
export function ringingCalls(calls: readonly Call[]): Call[] {
  return calls.filter((c) => c.status === 'ringing-in');
}

/** Calls on hold that are not the primary call (each gets "Switch to" / "End held"). */
export function otherHeldCalls(calls: readonly Call[], primary: Call | null): Call[] {
  return calls.filter((c) => c.status === 'held' && c.id !== primary?.id);
}

/** How the agent names the other party: the display name if the network sent one, else the number. */
export function partyName(call: Pick<Call, 'remote'>): string {
  return call.remote.displayName ?? call.remote.number;
}

/** 0:07, 4:05, 1:02:03. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

/** Seconds the call timer shows: talk time once answered, ringing/dialing time before. */
export function callSeconds(call: Pick<Call, 'startedAt' | 'answeredAt'>, now: number): number {
  return Math.max(0, Math.floor((now - (call.answeredAt ?? call.startedAt)) / 1000));
}

/** The call's state in the agent's words. */
export function describeCall(call: Call): string {
  const waiting = call.waiting && call.status === 'ringing-in';
  switch (call.status) {
    case 'dialing':
      return 'Calling…';
    case 'ringing-out':
      return 'Ringing…';
    case 'ringing-in':
      return waiting ? 'Call waiting' : 'Incoming call';
    case 'connecting':
      return 'Connecting…';
    case 'active':
      if (call.holdPending === 'hold') return 'Putting on hold…';
      if (call.media === 'lost') return 'Connected · no audio (window reloading)';
      if (call.media === 'restoring') return 'Connected · restoring audio…';
      return call.remoteHold ? 'Connected · the other side has put you on hold' : 'Connected';
    case 'held':
      return call.holdPending === 'resume' ? 'Taking off hold…' : 'On hold';
    case 'ended':
      return 'Ended';
  }
}

/** What an attended transfer's consultation leg is doing, for the agent (the customer waits on hold meanwhile). */
export function describeConsult(consult: Call, customer: Call): string {
  const who = partyName(consult);
  const about = partyName(customer);
  switch (consult.status) {
    case 'dialing':
    case 'ringing-out':
      return `Calling ${who} to consult about ${about}, who is on hold. Cancel transfer goes back to ${about}.`;
    case 'held':
      return `Consultation with ${who} on hold; ${about} is on hold too.`;
    default:
      return `Consulting ${who} about ${about} (on hold). Complete transfer hands ${about} over; Cancel transfer goes back to ${about}.`;
  }
}

export interface QualityWords {
  /** "Good", "Fair", "Poor" or "No audio arriving". */
  label: string;
  level: 'good' | 'fair' | 'poor';
  /** "MOS 4.3 · jitter 2 ms · loss 0 % · RTT 12 ms" */
  figures: string;
}

/** A quality reading for the agent: a word first, the numbers after. */
export function describeQuality(sample: QualitySample): QualityWords {
  const noAudio = sample.packetsReceived === 0;
  const level = noAudio ? 'poor' : qualityLabel(sample.mos);
  const label = noAudio ? 'No audio arriving' : level === 'good' ? 'Good' : level === 'fair' ? 'Fair' : 'Poor';
  const parts = [`MOS ${sample.mos.toFixed(1)}`, `jitter ${Math.round(sample.jitterMs)} ms`, `loss ${formatPercent(sample.lossPct)} %`];
  if (sample.rttMs !== null) parts.push(`RTT ${Math.round(sample.rttMs)} ms`);
  return { label, level, figures: parts.join(' · ') };
}

function formatPercent(value: number): string {
  return value < 10 && value % 1 !== 0 ? value.toFixed(1) : String(Math.round(value));
}

/** The keypad's keys with their accessible names. */
export const KEYPAD_KEYS: readonly { key: string; name: string }[] = [
  ...'123456789'.split('').map((d) => ({ key: d, name: `Digit ${d}` })),
  { key: '*', name: 'Star' },
  { key: '0', name: 'Digit 0' },
  { key: '#', name: 'Hash' },
];
