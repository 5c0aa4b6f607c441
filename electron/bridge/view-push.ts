import type { EventPayload } from '../../shared/bridge/events';
import type { ViewChannel } from '../../shared/bridge/views';
import type { BridgeServer } from './bridge-server';

/**
 * Pushes a feature's view once per change: every change made until the event loop turns (one SIP
 * message, one command and what follows from it) goes out in one push, after the answer of the
 * command that made it, so the bridge sends the window that asked nothing it already has
 * (BridgeServer sends a window only a view it does not hold). `build` answers null while the
 * view must not go out yet (a call row not stored, a lookup awaited); the owner calls `changed`
 * again when it may.
 */
export class ViewPush<V extends ViewChannel> {
  private queued = false;
  private closed = false;

  constructor(
    private readonly bridge: Pick<BridgeServer, 'emit'>,
    private readonly channel: V,
    private readonly build: () => EventPayload<V> | null,
    /** Told each view once it is handed to the bridge (the screen pop's timing, electron/agent/pop-timing.ts). */
    private readonly sent?: (view: EventPayload<V>) => void,
  ) {}

  changed(): void {
    if (this.queued || this.closed) return;
    this.queued = true;
    setImmediate(() => {
      this.queued = false;
      if (this.closed) return;
      const view = this.build();
      if (view === null) return;
      this.bridge.emit(this.channel, view);
      this.sent?.(view);
    });
  }

  /** Resolves once a push asked for so far has gone out (tests, shutdown). */
  async flushed(): Promise<void> {
    while (this.queued) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  close(): void {
    this.closed = true;
  }
}
