import type { PhoneView, RingMode } from '../../shared/telephony/contract';
import type { CallEnded } from '../../shared/telephony/model';
import type { BridgeServer } from '../bridge/bridge-server';
import { ViewPush } from '../bridge/view-push';
import type { CallBook } from './call-book';

/**
 * The phone view the renderer mirrors: the live calls, what the media engine rings, and the last
 * call that ended. Every change to any of them asks for a push (ViewPush: the changes one SIP
 * message or command makes together, such as a call ringing and the ringtone starting, go out
 * as one push).
 */
export class PhoneViewPush {
  private lastEnded: CallEnded | null = null;
  /** Pushes wait while a call's end record is on its way (`hold`). */
  private holds = 0;
  private readonly push: ViewPush<'telephony.view'>;

  constructor(
    bridge: Pick<BridgeServer, 'emit'>,
    private readonly book: Pick<CallBook, 'live'>,
    private readonly ring: () => RingMode,
  ) {
    this.push = new ViewPush(bridge, 'telephony.view', () => (this.holds > 0 ? null : this.view()));
  }

  view(): PhoneView {
    // A call the agent's workflow declines as it is offered is never shown ringing (nor announced).
    const calls = this.book.live().filter((e) => !(e.call.status === 'ringing-in' && e.localAction === 'reject'));
    return { calls: calls.map((e) => ({ ...e.call })), ring: this.ring(), lastEnded: this.lastEnded };
  }

  ended(ended: CallEnded): void {
    this.lastEnded = ended;
    this.changed();
  }

  /** Keeps pushes back until the returned function is called (once); what changed meanwhile goes out then, in one push. */
  hold(): () => void {
    this.holds += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.holds -= 1;
      this.changed();
    };
  }

  changed(): void {
    this.push.changed();
  }

  close(): void {
    this.push.close();
  }
}
