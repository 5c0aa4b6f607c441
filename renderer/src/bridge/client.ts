import { isEventChannel, isMediaMethod, type CommandChannel, type EventChannel, type MediaMethod } from '../../../shared/bridge/channels';
import type { CommandRequest, CommandResponse, HostKind } from '../../../shared/bridge/commands';
import type { MediaReplyEnvelope, MediaRequestEnvelope, ReplyBody } from '../../../shared/bridge/envelopes';
import { BridgeError } from '../../../shared/bridge/errors';
import { eventSchemas, type EventPayload } from '../../../shared/bridge/events';
import { mediaSchemas, type MediaResult } from '../../../shared/bridge/media';
import { COMMAND_REPLY_GRACE_MS, MAIN_ALIVE_TIMEOUT_MS, commandTimeoutMs } from '../../../shared/bridge/timeouts';
import { check } from '../../../shared/bridge/validate';
import { TypedEmitter } from '../../../shared/events/typed-emitter';
import { userText } from '../../../shared/text/user-text';
import { translateUserText } from '../i18n';
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

/** How long to wait for main (defaults: shared/bridge/timeouts.ts); tests set shorter ones. */
export interface BridgeClientTimeouts {
  /** Main's own time for a command; the renderer waits this plus `graceMs` before asking whether main answers at all. */
  commandTimeoutMs: (channel: CommandChannel) => number;
  graceMs: number;
  /** How long main may take to answer that question. */
  aliveTimeoutMs: number;
}

/**
 * The renderer's side of the bridge. Whatever arrives from main is checked
 * against the contract before anything acts on it, like main does in reverse.
 */
export class BridgeClient {
  private readonly timeouts: BridgeClientTimeouts;
  /** The "is main answering?" question in flight, shared by every command that asks it meanwhile. */
  private aliveCheck: Promise<boolean> | null = null;
  private readonly events = new TypedEmitter<{ [E in EventChannel]: EventPayload<E> }>((channel, error) =>
    console.error('bridge: event listener failed', channel, error),
  );
  private readonly stateChanges = new TypedEmitter<{ state: ConnectionState }>((_event, error) =>
    console.error('bridge: connection state listener failed', error),
  );
  private mediaHandlers: Partial<MediaHandlers> = {};
  private state: ConnectionState = 'connecting';
  private wire: Wire | null = null;

  constructor(timeouts: Partial<BridgeClientTimeouts> = {}) {
    this.timeouts = { commandTimeoutMs, graceMs: COMMAND_REPLY_GRACE_MS, aliveTimeoutMs: MAIN_ALIVE_TIMEOUT_MS, ...timeouts };
  }

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
    if (!this.wire) throw shown(new BridgeError('unavailable', userText('bridge.connection.notConnected')));
    const reply = await this.replyOrTimeout(this.wire, channel, this.wire.sendCommand(channel, request));
    // In the agent's language: every feature shows a failed command's `message` as it is.
    if (!reply.ok) throw BridgeError.fromBody(reply.error, translateUserText);
    return reply.result as CommandResponse<C>;
  }

  /**
   * Main answers every command within its time, with `timeout` if its handler is still running
   * (shared/bridge/timeouts.ts). Past that time and a grace, main is asked whether it answers at
   * all: if it does, the command is still held for the start or its answer is on the way, and the
   * wait goes on; if not, main is stuck, and the command fails here instead of waiting forever.
   */
  private replyOrTimeout(wire: Wire, channel: CommandChannel, sent: Promise<ReplyBody>): Promise<ReplyBody> {
    const waitMs = this.timeouts.commandTimeoutMs(channel) + this.timeouts.graceMs;
    const sentAt = Date.now();
    return new Promise<ReplyBody>((resolve, reject) => {
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = (then: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        then();
      };
      const askMain = async (): Promise<void> => {
        const alive = await this.mainAnswers(wire);
        if (settled) return;
        if (alive) {
          timer = setTimeout(() => void askMain(), waitMs);
          return;
        }
        const seconds = Math.max(1, Math.round((Date.now() - sentAt) / 1000));
        settle(() => reject(shown(new BridgeError('timeout', userText('bridge.connection.notResponding', { channel, seconds })))));
      };
      timer = setTimeout(() => void askMain(), waitMs);
      sent.then(
        (reply) => settle(() => resolve(reply)),
        (error: unknown) =>
          settle(() =>
            reject(error instanceof Error ? error : shown(new BridgeError('disconnected', userText('bridge.connection.failed')))),
          ),
      );
    });
  }

  /** Whether main answers `app.getInfo` (registered first, answered from memory, never held for the start) in time; any answer will do. */
  private mainAnswers(wire: Wire): Promise<boolean> {
    this.aliveCheck ??= new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.timeouts.aliveTimeoutMs);
      const answered = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      // A refusal (Electron rejects when main's handler throws) is an answer too.
      wire.sendCommand('app.getInfo', {}).then(answered, answered);
    }).finally(() => {
      this.aliveCheck = null;
    });
    return this.aliveCheck;
  }

  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.events.on(channel, listener);
  }

  onConnectionState(listener: (state: ConnectionState) => void): () => void {
    const off = this.stateChanges.on('state', listener);
    listener(this.state);
    return off;
  }

  /** Registers the media engine's handlers; main's media RPC is answered from them. */
  serveMedia(handlers: Partial<MediaHandlers>): void {
    this.mediaHandlers = { ...this.mediaHandlers, ...handlers };
  }

  setConnectionState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.stateChanges.emit('state', state);
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
    this.events.emit(channel, checked.value);
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
    if (!params.ok)
      return failure(new BridgeError('invalid-payload', `Invalid parameters for ${method}`, params.issues, params.issueTexts));
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

/** The error with its `message` in the agent's language, as a reply's error is. */
function shown(error: BridgeError): BridgeError {
  return BridgeError.fromBody(error.toBody(), translateUserText);
}
