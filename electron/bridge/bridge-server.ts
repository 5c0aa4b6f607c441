import { isCommandChannel, type CommandChannel, type EventChannel, type MediaMethod } from '../../shared/bridge/channels';
import { commandSchemas, type CommandResponse } from '../../shared/bridge/commands';
import { mediaReplyEnvelope, type EventEnvelope, type MediaRequestEnvelope, type ReplyBody } from '../../shared/bridge/envelopes';
import { BridgeError, type BridgeErrorCode } from '../../shared/bridge/errors';
import { eventSchemas, type EventPayload } from '../../shared/bridge/events';
import { viewAnsweredBy, viewKey } from '../../shared/bridge/views';
import { mediaSchemas, type MediaParams, type MediaResult } from '../../shared/bridge/media';
import { MEDIA_TIMEOUT_MAX_MS, MEDIA_TIMEOUT_MS, boundedTimeoutMs, commandTimeoutMs } from '../../shared/bridge/timeouts';
import { check, type IssueText } from '../../shared/bridge/validate';
import type { z } from 'zod';
import type { Notice } from '../../shared/app/contract';
import type { Logger } from '../logging/logger';
import { userText, type UserText } from '../../shared/text/user-text';

/** One connected renderer, whatever carries it (Electron IPC or the web shell's WebSocket). */
export interface RendererLink {
  readonly id: string;
  sendEvent(envelope: EventEnvelope): void;
  sendMedia(envelope: MediaRequestEnvelope): void;
}

export interface CommandContext {
  readonly link: RendererLink;
}

type ParsedRequest<C extends CommandChannel> = z.output<(typeof commandSchemas)[C]['request']>;

export type CommandHandler<C extends CommandChannel> = (
  request: ParsedRequest<C>,
  context: CommandContext,
) => CommandResponse<C> | Promise<CommandResponse<C>>;

interface PendingMedia {
  method: MediaMethod;
  linkId: string;
  resolve: (value: unknown) => void;
  reject: (error: BridgeError) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface BridgeServerOptions {
  log: Logger;
  /** Default time a media request may take before it fails with `timeout` (MEDIA_TIMEOUT_MS, shared/bridge/timeouts.ts). */
  mediaTimeoutMs?: number;
  /** The most a media request may take, whatever its caller asks (MEDIA_TIMEOUT_MAX_MS). */
  mediaTimeoutMaxMs?: number;
  /** A command's time before it is answered `timeout` (commandTimeoutMs, shared/bridge/timeouts.ts); tests set shorter ones. */
  commandTimeoutMs?: (channel: CommandChannel) => number;
  /**
   * A handler's failure said as the agent should read it (a store refusal, field by field), or
   * unchanged. Every command goes through it, so no feature can forget to and leave the agent a
   * bare "failed" where the store said what was wrong.
   */
  explainError?: (error: unknown) => unknown;
}

const TIMED_OUT: unique symbol = Symbol('timed out');

export type MediaEngineListener = (attached: boolean) => void;

/**
 * The main side of the bridge: checks every incoming message against the
 * contract, runs the command's handler and shapes its outcome into a reply.
 * A bad message gets an error reply; nothing a renderer sends can throw here.
 */
/** Enough for every distinct warning a session raises; the oldest go first. */
const MAX_RETAINED_NOTICES = 20;

export class BridgeServer {
  private readonly log: Logger;
  private readonly mediaTimeoutMs: number;
  private readonly mediaTimeoutMaxMs: number;
  private readonly commandTimeoutMs: (channel: CommandChannel) => number;
  private readonly explainError: (error: unknown) => unknown;
  private readonly handlers = new Map<CommandChannel, CommandHandler<CommandChannel>>();
  private readonly links = new Map<string, RendererLink>();
  /** The last view of each feature each window has (pushed, or in a command's answer), by its key. */
  private readonly viewsHeld = new Map<string, Map<EventChannel, string>>();
  /** Notices not yet dismissed, by id (a newer notice with the same id replaces the older). */
  private readonly notices = new Map<string, Notice>();
  private readonly pendingMedia = new Map<number, PendingMedia>();
  private readonly mediaListeners = new Set<MediaEngineListener>();
  private mediaLink: RendererLink | null = null;
  private nextMediaId = 1;
  /** Set while the core is still starting: commands whose handler is not registered yet wait on it. */
  private starting: { done: Promise<void>; settle: () => void; failure: UserText | string | null } | null = null;
  /** The channels whose events go out while output is held (holdOutput), one per hold. */
  private readonly holds: EventChannel[] = [];
  /** What was held, in the order it was to be sent. */
  private readonly heldOutput: (() => void)[] = [];

  constructor(options: BridgeServerOptions) {
    this.log = options.log;
    this.mediaTimeoutMaxMs = options.mediaTimeoutMaxMs ?? MEDIA_TIMEOUT_MAX_MS;
    this.mediaTimeoutMs = boundedTimeoutMs(options.mediaTimeoutMs ?? MEDIA_TIMEOUT_MS, this.mediaTimeoutMaxMs);
    this.commandTimeoutMs = options.commandTimeoutMs ?? commandTimeoutMs;
    this.explainError = options.explainError ?? ((error) => error);
  }

  /**
   * For hosts that connect the window before every service is up (a long one-time database update
   * must not leave the agent looking at nothing): until `markReady`, a command whose handler is not
   * registered yet waits instead of failing.
   */
  holdUntilReady(): void {
    if (this.starting) return;
    let settle!: () => void;
    const done = new Promise<void>((resolve) => {
      settle = resolve;
    });
    this.starting = { done, settle, failure: null };
  }

  /** Every handler is registered: commands held since `holdUntilReady` run now. */
  markReady(): void {
    const starting = this.starting;
    this.starting = null;
    starting?.settle();
  }

  /**
   * Start-up failed: held commands, and later ones without a handler, are refused with `message`
   * (a UserText, so the window shows it in the agent's language; a string is shown as written).
   */
  markFailed(message: UserText | string): void {
    if (!this.starting) this.holdUntilReady();
    const starting = this.starting!;
    starting.failure = message;
    starting.settle();
  }

  handle<C extends CommandChannel>(channel: C, handler: CommandHandler<C>): void {
    if (this.handlers.has(channel)) throw new Error(`A handler for ${channel} is already registered`);
    this.handlers.set(channel, handler);
  }

  /** Channels on the allow-list that nothing handles yet; the core checks this is empty at start-up. */
  unhandledChannels(): CommandChannel[] {
    return (Object.keys(commandSchemas) as CommandChannel[]).filter((c) => !this.handlers.has(c));
  }

  connect(link: RendererLink): () => void {
    this.links.set(link.id, link);
    this.log.debug('renderer connected', { link: link.id });
    return () => this.disconnect(link.id);
  }

  get connectedCount(): number {
    return this.links.size;
  }

  async handleCommand(link: RendererLink, channel: unknown, payload: unknown): Promise<ReplyBody> {
    if (!isCommandChannel(channel)) {
      const shown = typeof channel === 'string' ? channel.slice(0, 100) : typeof channel;
      this.log.warn('refused command on unknown channel', { channel: shown });
      return refusal('unknown-channel', userText('bridge.command.unknownChannel', { channel: shown }));
    }
    const spec = commandSchemas[channel];
    const request = check(spec.request, payload);
    if (!request.ok) {
      this.log.warn('refused invalid command payload', { channel });
      return refusal('invalid-payload', userText('bridge.command.invalidRequest', { channel }), request.issues, request.issueTexts);
    }
    let handler = this.handlers.get(channel);
    if (!handler && this.starting) {
      await this.starting.done;
      if (this.starting?.failure) return refusal('unavailable', this.starting.failure);
      handler = this.handlers.get(channel);
    }
    if (!handler) {
      return refusal('unavailable', userText('bridge.command.notInBuild', { channel }));
    }
    // Runs the handler now (as before), a throw becoming a rejection like any other failure.
    const running = (async () => handler(request.value, { link }))();
    // The time starts when the handler does: a command held while the core starts is not late.
    const timeoutMs = this.commandTimeoutMs(channel);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
      // A deadline alone must not hold a quitting process open; the transports keep a live one running.
      timer.unref();
    });
    let result: unknown;
    try {
      result = await Promise.race([running, deadline]);
    } catch (thrown) {
      const error = this.explainError(thrown);
      if (error instanceof BridgeError) return { ok: false, error: error.toBody() };
      this.log.error('command handler failed', { channel, error: errorName(error) });
      return refusal('failed', userText('bridge.command.failed', { channel }));
    } finally {
      clearTimeout(timer);
    }
    if (result === TIMED_OUT) {
      // Nothing can cancel a handler: what it does later is only logged, so IT can see what hung and whether it ever ended.
      this.log.error('command handler did not answer in time', { channel, ms: timeoutMs });
      running.then(
        () => this.log.warn('command handler answered after its time', { channel, outcome: 'ok' }),
        (error: unknown) => this.log.warn('command handler answered after its time', { channel, outcome: errorName(error) }),
      );
      const within =
        timeoutMs >= 1000
          ? userText('bridge.command.timedOutSeconds', { channel, seconds: Math.round(timeoutMs / 1000) })
          : userText('bridge.command.timedOutMs', { channel, ms: timeoutMs });
      return refusal('timeout', within);
    }
    const response = check(spec.response, result);
    if (!response.ok) {
      this.log.error('command handler answered outside its schema', { channel, issues: response.issues.join('; ') });
      return refusal('invalid-result', userText('bridge.command.invalidResult', { channel }));
    }
    const answered = viewAnsweredBy(channel);
    if (answered && this.links.has(link.id)) this.viewsHeldBy(link.id).set(answered, viewKey(answered, response.value)!);
    return { ok: true, result: response.value };
  }

  /** Sends an event to every connected renderer. A payload outside the schema is a bug: logged and dropped. */
  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    const checked = check(eventSchemas[channel], payload);
    if (!checked.ok) {
      this.log.error('dropped event outside its schema', { channel, issues: checked.issues.join('; ') });
      return;
    }
    if (channel === 'app.notice') this.retainNotice(checked.value as Notice);
    const envelope: EventEnvelope = { t: 'event', channel, payload: checked.value };
    const key = viewKey(channel, checked.value);
    this.output(channel, () => {
      for (const link of this.links.values()) {
        // A window that already shows this very view (a push, or its own command's answer) is not sent it again.
        if (key !== null) {
          const held = this.viewsHeldBy(link.id);
          if (held.get(channel) === key) continue;
          held.set(channel, key);
        }
        try {
          link.sendEvent(envelope);
        } catch (error) {
          this.log.warn('event delivery failed', { channel, link: link.id, error: errorName(error) });
        }
      }
    });
  }

  /**
   * Holds what main sends the windows, events and media requests, but `except`'s events, until the
   * returned release is called or `maxMs` have passed; then sends it in the order it came. The
   * screen pop uses it (electron/agent/call-loop.ts): a window handles its messages one after
   * another, so the customer is drawn before the window starts on the ring's own messages.
   */
  holdOutput(except: EventChannel, maxMs: number): () => void {
    this.holds.push(except);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      this.holds.splice(this.holds.indexOf(except), 1);
      if (this.holds.length === 0) for (const send of this.heldOutput.splice(0)) send();
    };
    const timer = setTimeout(release, maxMs);
    return release;
  }

  /** Sends now, or after the holds (holdOutput); `channel` null for a media request. */
  private output(channel: EventChannel | null, send: () => void): void {
    if (this.holds.length > 0 && (channel === null || !this.holds.includes(channel))) this.heldOutput.push(send);
    else send();
  }

  /** Marks `link` as the media engine: media RPC goes to it until it disconnects or another takes over. */
  attachMediaEngine(link: RendererLink): void {
    if (this.mediaLink?.id === link.id) return;
    if (this.mediaLink) this.failPendingMedia(this.mediaLink.id, 'bridge.media.replaced');
    this.mediaLink = link;
    this.log.info('media engine attached', { link: link.id });
    for (const listener of this.mediaListeners) listener(true);
  }

  get hasMediaEngine(): boolean {
    return this.mediaLink !== null;
  }

  onMediaEngineChange(listener: MediaEngineListener): () => void {
    this.mediaListeners.add(listener);
    return () => this.mediaListeners.delete(listener);
  }

  requestMedia<M extends MediaMethod>(method: M, params: MediaParams<M>, options: { timeoutMs?: number } = {}): Promise<MediaResult<M>> {
    const link = this.mediaLink;
    if (!link) return Promise.reject(new BridgeError('unavailable', userText('bridge.media.noEngine')));
    const checkedParams = check(mediaSchemas[method].params, params);
    if (!checkedParams.ok) {
      return Promise.reject(
        new BridgeError(
          'invalid-payload',
          userText('bridge.media.invalidParameters', { method }),
          checkedParams.issues,
          checkedParams.issueTexts,
        ),
      );
    }
    const id = this.nextMediaId++;
    return new Promise<MediaResult<M>>((resolve, reject) => {
      // Every request ends: a caller's own time is kept within the maximum, whatever it asks.
      const timeoutMs = options.timeoutMs === undefined ? this.mediaTimeoutMs : boundedTimeoutMs(options.timeoutMs, this.mediaTimeoutMaxMs);
      const timer = setTimeout(() => {
        this.pendingMedia.delete(id);
        reject(new BridgeError('timeout', userText('bridge.media.timedOut', { method, ms: timeoutMs })));
      }, timeoutMs);
      this.pendingMedia.set(id, { method, linkId: link.id, resolve: resolve as (v: unknown) => void, reject, timer });
      this.output(null, () => {
        // Held, the request may have failed meanwhile (its window gone): then it is not sent.
        if (!this.pendingMedia.has(id)) return;
        try {
          link.sendMedia({ t: 'media', id, method, params: checkedParams.value });
        } catch (error) {
          clearTimeout(timer);
          this.pendingMedia.delete(id);
          reject(new BridgeError('disconnected', userText('bridge.media.unreachable', { error: errorName(error) })));
        }
      });
    });
  }

  /** A media engine's answer. Anything that is not an answer to a request we sent to that link is logged and ignored. */
  handleMediaReply(link: RendererLink, message: unknown): void {
    const envelope = check(mediaReplyEnvelope, message);
    if (!envelope.ok) {
      this.log.warn('ignored malformed media reply', { link: link.id });
      return;
    }
    const reply = envelope.value;
    const pending = this.pendingMedia.get(reply.id);
    if (!pending || pending.linkId !== link.id) {
      this.log.warn('ignored media reply to no pending request', { link: link.id, id: reply.id });
      return;
    }
    this.pendingMedia.delete(reply.id);
    clearTimeout(pending.timer);
    if (!reply.ok) {
      pending.reject(BridgeError.fromBody(reply.error));
      return;
    }
    const result = check(mediaSchemas[pending.method].result, reply.result);
    if (!result.ok) {
      this.log.error('media engine answered outside the schema', { method: pending.method, issues: result.issues.join('; ') });
      pending.reject(new BridgeError('invalid-result', userText('bridge.media.invalidResult', { method: pending.method })));
      return;
    }
    pending.resolve(result.value);
  }

  /** Fails everything still waiting, e.g. at shutdown. */
  /** The notices raised and not dismissed, oldest first (at most MAX_RETAINED_NOTICES). */
  retainedNotices(): Notice[] {
    return [...this.notices.values()];
  }

  dismissNotice(id: string): void {
    this.notices.delete(id);
  }

  private retainNotice(notice: Notice): void {
    this.notices.delete(notice.id);
    this.notices.set(notice.id, notice);
    while (this.notices.size > MAX_RETAINED_NOTICES) this.notices.delete(this.notices.keys().next().value!);
  }

  close(): void {
    for (const id of [...this.links.keys()]) this.disconnect(id);
  }

  private viewsHeldBy(linkId: string): Map<EventChannel, string> {
    let held = this.viewsHeld.get(linkId);
    if (!held) {
      held = new Map();
      this.viewsHeld.set(linkId, held);
    }
    return held;
  }

  private disconnect(linkId: string): void {
    this.viewsHeld.delete(linkId);
    if (!this.links.delete(linkId)) return;
    this.log.debug('renderer disconnected', { link: linkId });
    this.failPendingMedia(linkId, 'bridge.media.windowClosed');
    if (this.mediaLink?.id === linkId) {
      this.mediaLink = null;
      this.log.info('media engine detached', { link: linkId });
      for (const listener of this.mediaListeners) listener(false);
    }
  }

  private failPendingMedia(linkId: string, why: 'bridge.media.replaced' | 'bridge.media.windowClosed'): void {
    for (const [id, pending] of this.pendingMedia) {
      if (pending.linkId !== linkId) continue;
      this.pendingMedia.delete(id);
      clearTimeout(pending.timer);
      pending.reject(new BridgeError('disconnected', userText(why, { method: pending.method })));
    }
  }
}

/** A refused command's reply: English for the log, the key and values for the window. */
function refusal(code: BridgeErrorCode, message: UserText | string, issues?: string[], issueTexts?: IssueText[]): ReplyBody {
  return { ok: false, error: new BridgeError(code, message, issues, issueTexts).toBody() };
}

/** The class name of a thrown value: enough to diagnose, without the message (which may hold personal data). */
export function errorName(error: unknown): string {
  if (error instanceof Error)
    return (error as Error & { code?: unknown }).code ? `${error.name}(${String((error as Error & { code?: unknown }).code)})` : error.name;
  return typeof error;
}
