/**
 * Building interaction records: from the agent state machine's effects for calls (one-click call
 * logging: the row is complete when the call ends, the after-call work is added when the wrap-up
 * period ends), and from the agent's form for emails, chats and walk-ins.
 */
import { ok, refuse, type FieldError, type Result } from '../core/result';
import type { AgentEffect } from './agent-state';
import type { DoNotCallOverride } from './do-not-call';
import type { RecordingPause } from '../telephony/recording-pause';
import { CHANNELS, DIRECTIONS, type Channel, type Direction, type Interaction, type QualitySummary } from './records';

type CallEnded = Extract<AgentEffect, { type: 'interaction-ended' }>;

/** What telephony and screen pop know about a call that the state machine does not. */
export interface CallFacts {
  agentId: string;
  /** The other party, E.164 where it could be normalised. */
  number: string | null;
  customerId: string | null;
  caseId: string | null;
  sipCallId: string | null;
  quality: QualitySummary | null;
  /** Dialled to a do-not-call number with a supervisor's approval. */
  doNotCallOverride?: DoNotCallOverride;
  /** The intervals recording was paused (PCI secure pause). */
  recordingPauses?: RecordingPause[];
}

/** The interaction row for a call that just ended (after-call work still 0). */
export function interactionFromCall(effect: CallEnded, facts: CallFacts): Interaction {
  return {
    id: effect.interactionId,
    agentId: facts.agentId,
    channel: 'call',
    direction: effect.direction,
    outcome: effect.outcome,
    number: facts.number,
    startedAt: effect.startedAt,
    answeredAt: effect.answeredAt,
    endedAt: effect.endedAt,
    talkSeconds: effect.talkSeconds,
    holdSeconds: effect.holdSeconds,
    afterCallWorkSeconds: 0,
    customerId: facts.customerId,
    caseId: facts.caseId,
    sipCallId: facts.sipCallId,
    quality: facts.quality,
    ...(facts.doNotCallOverride ? { doNotCallOverride: facts.doNotCallOverride } : {}),
    ...(facts.recordingPauses ? { recordingPauses: facts.recordingPauses } : {}),
  };
}

/** After-call work per interaction from an `acw-ended` effect. */
export function afterCallWorkOf(effect: Extract<AgentEffect, { type: 'acw-ended' }>): Map<string, number> {
  return new Map(effect.afterCallWork.map((a) => [a.interactionId, a.seconds]));
}

/** One click: the contact belongs to another (or a new) case. */
export function moveToCase(interaction: Interaction, caseId: string | null, customerId?: string | null): Interaction {
  return { ...interaction, caseId, customerId: customerId === undefined ? interaction.customerId : customerId };
}

/** The agent's form for a contact that is not a call. */
export interface ManualContactInput {
  id: string;
  agentId: string;
  channel: Channel;
  direction: Direction;
  number: string | null;
  startedAt: number;
  endedAt: number;
  /** Time spent on the contact itself (reading, writing, talking at the desk). */
  handlingSeconds: number;
  afterCallWorkSeconds: number;
  customerId: string | null;
  caseId: string | null;
}

const MAX_CONTACT_SECONDS = 24 * 3600;

/**
 * Checks and builds an email, chat or walk-in interaction. Its handling time is stored as talk
 * time so AHT covers every channel alike.
 */
export function logManualContact(input: ManualContactInput, now: number): Result<Interaction> {
  const errors: FieldError[] = [];
  if (!(CHANNELS as readonly string[]).includes(input.channel))
    errors.push({ field: 'channel', message: 'Choose email, chat or walk-in.' });
  else if (input.channel === 'call')
    errors.push({ field: 'channel', message: 'Calls are logged by the phone; choose email, chat or walk-in.' });
  if (!(DIRECTIONS as readonly string[]).includes(input.direction))
    errors.push({ field: 'direction', message: 'Choose inbound or outbound.' });
  if (!Number.isInteger(input.startedAt) || input.startedAt <= 0)
    errors.push({ field: 'startedAt', message: 'Enter when the contact started.' });
  else if (input.startedAt > now) errors.push({ field: 'startedAt', message: 'The start time is in the future.' });
  const startBad = errors.some((e) => e.field === 'startedAt');
  if (startBad) {
    // One problem with the times at a time: the end is judged against a sensible start.
  } else if (!Number.isInteger(input.endedAt) || input.endedAt <= 0)
    errors.push({ field: 'endedAt', message: 'Enter when the contact ended.' });
  else if (input.endedAt < input.startedAt) errors.push({ field: 'endedAt', message: 'The end time is before the start time.' });
  else if (input.endedAt > now) errors.push({ field: 'endedAt', message: 'The end time is in the future.' });
  for (const [field, value, label] of [
    ['handlingSeconds', input.handlingSeconds, 'handling time'],
    ['afterCallWorkSeconds', input.afterCallWorkSeconds, 'after-contact work'],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) errors.push({ field, message: `The ${label} must be whole seconds, not negative.` });
    else if (value > MAX_CONTACT_SECONDS) errors.push({ field, message: `The ${label} cannot be more than 24 hours.` });
  }
  if (input.number !== null && input.number.length > 64) errors.push({ field: 'number', message: 'The number is too long.' });
  if (errors.length > 0) return refuse(errors);
  return ok({
    id: input.id,
    agentId: input.agentId,
    channel: input.channel,
    direction: input.direction,
    outcome: 'answered',
    number: input.number,
    startedAt: input.startedAt,
    answeredAt: input.startedAt,
    endedAt: input.endedAt,
    talkSeconds: input.handlingSeconds,
    holdSeconds: 0,
    afterCallWorkSeconds: input.afterCallWorkSeconds,
    customerId: input.customerId,
    caseId: input.caseId,
    sipCallId: null,
    quality: null,
  });
}
