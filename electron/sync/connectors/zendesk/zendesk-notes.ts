import { doNotCallOverrideNote } from '../../../../shared/agent/do-not-call';
import { describePause } from '../../../../shared/telephony/recording-pause';
import { scriptNoteLines } from '../../../../shared/scripts/guided-scripts';
import type { Callback, EscalationRecord, Interaction, WrapUpRecord } from '../../../../shared/store/types';

/**
 * The text Switchboard writes into Zendesk comments, and the marker line that makes each write
 * happen once.
 *
 * Why markers: Zendesk's `Idempotency-Key` is documented for creating tickets only ("PUT
 * /api/v2/tickets/{ticket_id} … accept no idempotency key"), and a comment is added with a PUT
 * (Zendesk Support API › Tickets › Update Ticket, `ticket.comment`). A PUT whose answer was lost
 * may or may not have added its comment. So every comment ends with a line naming the record it
 * logs (`Switchboard call ID: <interaction id>`), and before writing one the connector reads the
 * ticket's newest comments (Zendesk Support API › Ticket Comments › List Comments, sorted
 * `-created_at`) and writes nothing when the line is already there. The marker names the record,
 * not the outbox row, so the later rows of the same call (its after-call work, a refile) do not
 * add a second record either. The line is plain text an agent can read and search for.
 */

export const markers = {
  call: (interactionId: string) => `Switchboard call ID: ${interactionId}`,
  contact: (interactionId: string) => `Switchboard contact ID: ${interactionId}`,
  wrapUp: (interactionId: string) => `Switchboard wrap-up ID: ${interactionId}`,
  escalation: (escalationId: string) => `Switchboard escalation ID: ${escalationId}`,
  /** A callback is noted again only when its state or time changes. */
  callback: (cb: Pick<Callback, 'id' | 'state' | 'dueAt'>) => `Switchboard callback ID: ${cb.id} (${cb.state}, due ${iso(cb.dueAt)})`,
  change: (idempotencyKey: string) => `Switchboard change ID: ${idempotencyKey}`,
};

export function interactionMarker(interaction: Pick<Interaction, 'id' | 'channel'>): string {
  return interaction.channel === 'call' ? markers.call(interaction.id) : markers.contact(interaction.id);
}

/** Whether one of the comments carries the marker line (body, plain or HTML: Zendesk fills them differently). */
export function hasMarker(
  comments: { body: string | null; plain_body: string | null; html_body: string | null }[],
  marker: string,
): boolean {
  return comments.some((c) => [c.body, c.plain_body, c.html_body].some((text) => text !== null && text.includes(marker)));
}

function iso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m < 60) return s === 0 ? `${m} min` : `${m} min ${s} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${m % 60} min`;
}

const CHANNEL_WORDS: Record<Interaction['channel'], string> = { call: 'call', email: 'email', chat: 'chat', 'walk-in': 'walk-in visit' };
const OUTCOME_WORDS: Record<Interaction['outcome'], string> = {
  answered: 'answered',
  missed: 'missed (not answered by the agent)',
  declined: 'declined',
  abandoned: 'abandoned (the caller hung up while it rang)',
  failed: 'not connected',
};

/**
 * The call's (or contact's) record: what happened, in words an agent reads in the ticket. Only what
 * is known when the call ends, not its after-call work (which a later row adds): every row of one
 * contact then builds the same text, so a create repeated under the contact's idempotency key is
 * the same request (zendesk-push.ts).
 */
export function interactionNote(interaction: Interaction): string {
  const what = CHANNEL_WORDS[interaction.channel];
  const direction = interaction.direction === 'inbound' ? 'Inbound' : 'Outbound';
  const party = interaction.number ? ` ${interaction.direction === 'inbound' ? 'from' : 'to'} ${interaction.number}` : '';
  const lines = [`${direction} ${what}${party}: ${OUTCOME_WORDS[interaction.outcome]}`];
  const times = [`Started ${iso(interaction.startedAt)}`];
  if (interaction.answeredAt !== null || interaction.talkSeconds > 0) times.push(`talk ${duration(interaction.talkSeconds)}`);
  if (interaction.holdSeconds > 0) times.push(`hold ${duration(interaction.holdSeconds)}`);
  lines.push(times.join(', '));
  if (interaction.quality) {
    const q = interaction.quality;
    lines.push(
      `Call quality: MOS ${q.mosAvg.toFixed(1)} (lowest ${q.mosMin.toFixed(1)}), packet loss ${q.packetLossPct.toFixed(1)}%${q.degraded ? ', the agent was warned of poor quality' : ''}`,
    );
  }
  if (interaction.doNotCallOverride) lines.push(doNotCallOverrideNote(interaction.doNotCallOverride));
  // Where the call's recording has a gap on purpose, so a reviewer does not take it for a fault.
  for (const pause of interaction.recordingPauses ?? []) lines.push(describePause(pause));
  lines.push(`Logged by Switchboard for agent ${interaction.agentId}`);
  lines.push(interactionMarker(interaction));
  return lines.join('\n');
}

/**
 * The wrap-up as an internal note: the code, the agent's notes, what was promised, and the guided
 * scripts run on the contact (`related`: its interaction as stored when the note is sent, so steps
 * ticked during the wrap-up are in it; the call's own note is fixed when the call ends).
 */
export function wrapUpNote(wrapUp: WrapUpRecord, related: Pick<Interaction, 'guidedScripts'> | null = null): string {
  const lines = [`Wrap-up: ${wrapUp.code ?? '(no code)'}`];
  if (wrapUp.notes.trim() !== '') lines.push('', wrapUp.notes.trim(), '');
  lines.push(`Resolved on first contact: ${wrapUp.resolvedOnFirstContact ? 'yes' : 'no'}`);
  if (wrapUp.callback && wrapUp.callback.at !== null)
    lines.push(`Callback promised for ${iso(wrapUp.callback.at)} to ${wrapUp.callback.number}`);
  if (wrapUp.doNotCall) lines.push(`The customer asked not to be called again on ${wrapUp.doNotCall.number}`);
  const scripts = scriptNoteLines(related?.guidedScripts ?? []);
  if (scripts.length > 0) lines.push('', ...scripts);
  lines.push(markers.wrapUp(wrapUp.interactionId));
  return lines.join('\n');
}

export function escalationNote(escalation: EscalationRecord): string {
  const h = escalation.handoff;
  const lines = [`Escalated to ${escalation.group} (${escalation.tier}), priority ${escalation.priority}: ${escalation.summary}`];
  lines.push(`Acknowledge by ${iso(escalation.acknowledgeBy)}, resolve by ${iso(escalation.resolveBy)}`);
  if (h.customerExpectation.trim()) lines.push('', `What the customer expects: ${h.customerExpectation.trim()}`);
  if (h.troubleshootingDone.trim()) lines.push('', `Troubleshooting done: ${h.troubleshootingDone.trim()}`);
  if (h.recommendedNextSteps.trim()) lines.push('', `Recommended next steps: ${h.recommendedNextSteps.trim()}`);
  lines.push('', markers.escalation(escalation.id));
  return lines.join('\n');
}

export function callbackNote(callback: Callback): string {
  const state =
    callback.state === 'scheduled'
      ? `Callback scheduled for ${iso(callback.dueAt)} to ${callback.number}`
      : callback.state === 'done' && callback.outcome
        ? `Callback done: ${callback.outcome}`
        : callback.state === 'handed-back'
          ? `Callback handed back to the team: ${callback.handBackReason ?? ''}`.trim()
          : `Callback ${callback.state}`;
  const lines = [state];
  if (callback.note.trim() !== '') lines.push(callback.note.trim());
  lines.push(markers.callback(callback));
  return lines.join('\n');
}
