/**
 * The one event emitter main and renderer use: typed by an event map
 * (`{ eventName: payload }`), with each listener isolated, so one that throws
 * neither stops the others nor reaches whoever emitted. The owner decides what
 * a failing listener means (log it, mostly), hence the required callback.
 */
export type Listener<Payload> = (payload: Payload) => void;

export class TypedEmitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  constructor(private readonly onListenerError: (event: string, error: unknown, payload: Events[keyof Events]) => void) {}

  /** Returns the unsubscribe. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Calls the listeners subscribed when the emit began, in subscription order. */
  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set] as Listener<Events[K]>[]) {
      try {
        listener(payload);
      } catch (error) {
        this.onListenerError(String(event), error, payload);
      }
    }
  }

  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** Drops every listener (an owner shutting down). */
  clear(): void {
    this.listeners.clear();
  }
}
