import type { AgentDeskView, ScreenPop } from '../../shared/agent/contract';
import type { Scheduler } from '../core/scheduler';
import { popTimingFromEnv } from './pop-timing';

/**
 * A ringing call's view waits this long at most for the caller's lookup (the store answers in a
 * few ms), so the ring and its pop go out as one push; a slower store shows the caller without
 * the customer first. The pop itself never waits: it goes out when the lookup is done.
 */
export const POP_WAIT_MS = 200;

/**
 * The ring's other messages to the window (the phone view with its ringtone, the media engine's
 * preparation) wait this long at most for the pop: a ring this much later goes unnoticed, a pop
 * behind the ring's work costs frames (docs/performance.md, "The screen pop within one frame").
 */
export const RING_AFTER_POP_MAX_MS = 50;

/**
 * Once the pop is out, the ring's other messages wait about one frame (60 Hz) more: the window
 * draws the customer before it starts on them. Sent right behind the pop, their work pushed the
 * frame with the customer back (docs/performance.md).
 */
export const POP_FRAME_MS = 17;

/** Holds the window's messages but `except`'s until the release, at most `maxMs` (BridgeServer.holdOutput). */
export type HoldOutput = (except: 'agent.view', maxMs: number) => () => void;

/**
 * The screen pop before the ring: a window handles main's messages one after another, so while a
 * ringing call's pop is on its way the window's other messages are held, and let go a frame after
 * the view with the pop (or another contact) went out. Also where the pop's way out of main is
 * marked for `npm run bench:screenpop` (pop-timing.ts).
 */
export class PopFirst {
  private held: { callId: string; release: () => void; frame: (() => void) | null } | null = null;
  private readonly timing = popTimingFromEnv();
  /** The ringing call whose lookup the next view waits for (POP_WAIT_MS), with the wait's timer. */
  private wait: { pop: ScreenPop; cancel: () => void } | null = null;

  constructor(
    private readonly hold: HoldOutput | undefined,
    private readonly scheduler: Scheduler,
  ) {}

  /** An inbound call is offered (`at`: its INVITE's time); the store is asked for the caller now. */
  offered(callId: string, at: number): void {
    this.timing.offered(callId, at);
    this.timing.mark(callId, 'lookupStart');
  }

  /** No agent view goes out while a ringing call's lookup is awaited. */
  get waiting(): boolean {
    return this.wait !== null;
  }

  /** The ringing call's view waits for its lookup, at most POP_WAIT_MS; `then` asks for the view when it may go. */
  awaitLookup(pop: ScreenPop, then: () => void): void {
    this.wait?.cancel();
    this.wait = { pop, cancel: this.scheduler.at(this.scheduler.now() + POP_WAIT_MS, () => this.endWait(pop, then)) };
  }

  endWait(pop: ScreenPop, then: () => void): void {
    if (this.wait?.pop === pop) {
      this.wait.cancel();
      this.wait = null;
    }
    then();
  }

  /** The store answered the caller's lookup. */
  lookedUp(callId: string): void {
    this.timing.mark(callId, 'lookupDone');
  }

  /** A ringing call's pop is on its way to the screen. */
  ringing(callId: string): void {
    if (!this.hold) return;
    this.release();
    this.held = { callId, release: this.hold('agent.view', RING_AFTER_POP_MAX_MS), frame: null };
  }

  /** An agent view is built to go out (null: held back). */
  built(view: AgentDeskView | null): AgentDeskView | null {
    if (view?.contact?.lookup) this.timing.mark(view.contact.callId, 'viewBuilt');
    return view;
  }

  /** An agent view went out. */
  sent(view: AgentDeskView): void {
    const contact = view.contact;
    if (contact?.lookup) this.timing.sent(contact.callId);
    const held = this.held;
    if (!held || held.frame || (contact?.callId === held.callId && contact.lookup === null)) return;
    held.frame = this.scheduler.at(this.scheduler.now() + POP_FRAME_MS, () => {
      if (this.held === held) this.release();
    });
  }

  /** At close: no more waiting for a lookup, and the window's messages go. */
  close(): void {
    this.wait?.cancel();
    this.wait = null;
    this.release();
  }

  private release(): void {
    const held = this.held;
    this.held = null;
    held?.frame?.();
    held?.release();
  }
}
