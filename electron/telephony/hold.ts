import { Inviter, SessionState } from 'sip.js';
import { BridgeError } from '../../shared/bridge/errors';
import { userText, type UserText } from '../../shared/text/user-text';
import { problemFor, round1, type CallBook, type CallEntry, type CallManagerDeps } from './call-book';
import { reinviteRetryDelayMs } from './glare';

/**
 * Holding and resuming calls by re-INVITE. A call's state changes only when the far end accepted
 * the re-INVITE; the agent has one call talking at a time, so taking up a call holds the other.
 */
export class HoldControl {
  constructor(
    private readonly deps: Pick<CallManagerDeps, 'log' | 'events' | 'now'>,
    private readonly book: CallBook,
    /** The far end refused a hold or resume: the media engine's microphone must follow the call's unchanged state again. */
    private readonly afterRefusal: (entry: CallEntry) => void = () => undefined,
  ) {}

  async hold(entry: CallEntry): Promise<void> {
    if (entry.call.status === 'held' && entry.call.holdPending === null) return;
    await this.set(entry, true);
  }

  async resume(entry: CallEntry): Promise<void> {
    if (entry.call.status === 'active' && entry.call.holdPending === null) return;
    await this.holdActive(entry);
    await this.set(entry, false);
  }

  /** Holds the call the agent is talking on, if any (but not `except`), before another one takes its place. */
  async holdActive(except?: CallEntry): Promise<void> {
    const active = this.book.activeCall(except);
    if (active) await this.set(active, true);
  }

  /**
   * Sends a hold or resume re-INVITE and changes the state only if the far end accepts it. An agent
   * who holds at once after answering is shown "holding" while the answer's ACK is on its way.
   */
  set(entry: CallEntry, hold: boolean): Promise<void> {
    const session = entry.session;
    if (session.state !== SessionState.Established)
      return Promise.reject(new BridgeError('conflict', userText('telephony.refusal.holdNotConnected')));
    if (entry.call.holdPending !== null) return Promise.reject(new BridgeError('conflict', userText('telephony.refusal.holdInProgress')));
    if (hold && entry.call.status === 'held') return Promise.resolve();
    if (!hold && entry.call.status === 'active') return Promise.resolve();
    this.book.update(entry, { holdPending: hold ? 'hold' : 'resume' });
    return entry.acked.then(() => this.send(entry, hold));
  }

  private send(entry: CallEntry, hold: boolean, attempt = 0): Promise<void> {
    const session = entry.session;
    if (entry.ended || session.state !== SessionState.Established) {
      if (!entry.ended) this.book.update(entry, { holdPending: null });
      if (!entry.ended) this.afterRefusal(entry);
      return Promise.reject(
        new BridgeError('conflict', userText(hold ? 'telephony.refusal.endedBeforeHold' : 'telephony.refusal.endedBeforeResume')),
      );
    }
    session.sessionDescriptionHandlerOptionsReInvite = { hold } as never;
    return new Promise<void>((resolve, reject) => {
      const refuse = (code: number | null, detail?: UserText): void => {
        // The far end said no: the call stays as it was (sip.js #685 shows it held anyway).
        session.sessionDescriptionHandlerOptionsReInvite = { hold: !hold } as never;
        const problem = holdRefusal(hold, code, detail);
        this.book.update(entry, { holdPending: null, problem });
        this.afterRefusal(entry);
        this.deps.log.warn('hold re-INVITE refused', { callId: entry.call.id, hold, code });
        reject(new BridgeError('conflict', problem));
      };
      session
        .invite({
          requestDelegate: {
            onAccept: () => {
              const now = this.deps.now();
              if (hold) {
                this.book.update(entry, { status: 'held', holdPending: null, heldSince: now, problem: null });
                this.deps.events.emit('callHeld', { ...entry.call });
              } else {
                const held = entry.call.heldSince === null ? 0 : (now - entry.call.heldSince) / 1000;
                this.book.update(entry, {
                  status: 'active',
                  holdPending: null,
                  heldSince: null,
                  holdSeconds: round1(entry.call.holdSeconds + held),
                  problem: null,
                });
                this.deps.events.emit('callResumed', { ...entry.call });
              }
              resolve();
            },
            onReject: (response) => {
              const code = response.message.statusCode ?? null;
              const retryAfter = response.message.getHeader('Retry-After');
              const wait = reinviteRetryDelayMs(code, retryAfter, entry.session instanceof Inviter, attempt);
              if (wait === null) return refuse(code);
              // A collision with another INVITE on the dialog, not a refusal: the hold stays pending and goes again.
              this.deps.log.info('hold re-INVITE collided; sending it again', { callId: entry.call.id, hold, code, waitMs: wait });
              setTimeout(() => void this.send(entry, hold, attempt + 1).then(resolve, reject), wait);
            },
          },
        })
        .catch((error: unknown) => refuse(null, problemFor(error)));
    });
  }
}

/** Why a hold or resume did not happen: the far end's status code, or why the re-INVITE could not go out. */
export function holdRefusal(hold: boolean, code: number | null, detail?: UserText): UserText {
  const action = hold ? 'hold' : 'resume';
  if (detail) return userText(`telephony.hold.failed.${action}`, { detail });
  return code ? userText(`telephony.hold.refusedWithCode.${action}`, { code }) : userText(`telephony.hold.refused.${action}`);
}
