import { isEventChannel, isMediaMethod, type CommandChannel, type EventChannel, type MediaMethod } from '../../../shared/bridge/channels';
import type { CommandRequest, CommandResponse, HostKind } from '../../../shared/bridge/commands';
import type { MediaReplyEnvelope, MediaRequestEnvelope, ReplyBody } from '../../../shared/bridge/envelopes';
import { BridgeError } from '../../../shared/bridge/errors';
import { eventSchemas, type EventPayload } from '../../../shared/bridge/events';
import { mediaSchemas, type MediaResult } from '../../../shared/bridge/media';
import { check } from '../../../shared/bridge/validate';
import type { z } from 'zod';

export type ConnectionState = 'connecting' | 'open' | 'closed';

type MediaParamsOut<M extends MediaMethod> = z.output<(typeof mediaSchemas)[M]['params']>;
export type MediaHandlers = {
  [M in MediaMethod]: (params: MediaParamsOut<M>) => MediaResult<M> | Promise<MediaResult<M>>;
};

/** What a transport provides: a way to send, and it calls `deliver*` on what arrives. */
export interface Wire {
  readonly host: HostKind;
  sendCommand(channel: CommandChannel, payload: unknown): Promise<ReplyBody>;
  sendMediaReply(reply: MediaReplyEnvelope): void;
}

type Listener = (payload: unknown) => void;

/**
 * The renderer's side of the bridge. Whatever arrives from main is checked
 * against the contract before anything acts on it, like main does in reverse.
 */
export class BridgeClient {
  private readonly listeners = new Map<EventChannel, Set<Listener>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private mediaHandlers: Partial<MediaHandlers> = {};
  private state: ConnectionState = 'connecting';
  private wire: Wire | null = null;

  get host(): HostKind | null {
    return this.wire?.host ?? null;
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  attachWire(wire: Wire): void {
    this.wire = wire;
  }

  async invoke<C extends CommandChannel>(channel: C, request: CommandRequest<C>): Promise<CommandResponse<C>> {
    if (!this.wire) throw new BridgeError('unavailable', 'Not connected to Switchboard yet');
    const reply = await this.wire.sendCommand(channel, request);
    if (!reply.ok) throw BridgeError.fromBody(reply.error);
    return reply.result as CommandResponse<C>;
  }

  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  /** Registers the media engine's handlers; main's media RPC is answered from them. */
  serveMedia(handlers: Partial<MediaHandlers>): void {
    this.mediaHandlers = { ...this.mediaHandlers, ...handlers };
  }

  setConnectionState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  deliverEvent(channel: unknown, payload: unknown): void {
    if (!isEventChannel(channel)) {
      console.warn('bridge: dropped event on unknown channel', channel);
      return;
    }
    const checked = check(eventSchemas[channel], payload);
    if (!checked.ok) {
      console.warn('bridge: dropped invalid event', channel, checked.issues);
      return;
    }
    for (const listener of this.listeners.get(channel) ?? []) {
      try {
        listener(checked.value);
      } catch (error) {
        console.error('bridge: event listener failed', channel, error);
      }
    }
  }

  async deliverMediaRequest(envelope: MediaRequestEnvelope): Promise<void> {
    const reply = await this.answerMedia(envelope);
    this.wire?.sendMediaReply(reply);
  }

  private async answerMedia(envelope: MediaRequestEnvelope): Promise<MediaReplyEnvelope> {
    const { id, method } = envelope;
    const failure = (error: BridgeError): MediaReplyEnvelope => ({ t: 'media-reply', id, ok: false, error: error.toBody() });
    if (!isMediaMethod(method)) return failure(new BridgeError('unknown-channel', `Unknown media method: ${String(method).slice(0, 100)}`));
    const params = check(mediaSchemas[method].params, envelope.params);
    if (!params.ok) return failure(new BridgeError('invalid-payload', `Invalid parameters for ${method}`, params.issues));
    const handler = this.mediaHandlers[method] as ((p: unknown) => unknown) | undefined;
    if (!handler) return failure(new BridgeError('unavailable', `The media engine does not handle ${method}`));
    try {
      return { t: 'media-reply', id, ok: true, result: await handler(params.value) };
    } catch (error) {
      if (error instanceof BridgeError) return failure(error);
      const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return failure(new BridgeError('failed', `${method} failed in the media engine (${name.slice(0, 300)})`));
    }
  }
}
