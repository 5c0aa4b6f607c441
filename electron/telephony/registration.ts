import { Registerer, RegistererState, UserAgentState, type UserAgent } from 'sip.js';
import type { CertificateProblem, RegistrationState, RegistrationStatus } from '../../shared/telephony/model';
import type { TelephonySettings } from '../../shared/telephony/settings';
import type { Logger } from '../logging/logger';
import { backoffDelay, type BackoffPolicy } from '../core/backoff';
import { RECONNECT_BACKOFF, REJECTED_BACKOFF } from './backoff';
import type { WsTransport } from './ws-transport';

export interface RegistrationOptions {
  settings: TelephonySettings;
  log: Logger;
  now: () => number;
  random: () => number;
  onChange: (state: RegistrationState) => void;
}

/** SIP answers to REGISTER that mean the credentials are wrong: retrying would only lock the account. */
const AUTH_FAILURES = new Set([401, 403, 407]);
/** Answers that mean "not now" rather than "no": retried on the quick schedule. */
const TRANSIENT = new Set([0, 408, 480, 500, 503, 504]);

/**
 * Keeps the agent registered: connects (primary, then backup), registers,
 * lets sip.js refresh, and when anything fails decides what the agent sees
 * and when to try again. A wrong password stops it until the account changes
 * or the agent asks: a retry storm would lock the account on most PBXs.
 */
export class RegistrationController {
  private ua: UserAgent | null = null;
  private transport: WsTransport | null = null;
  private registerer: Registerer | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private serverIndex: 0 | 1 = 0;
  private stopped = false;
  /** Status of the last final answer to a REGISTER seen on the wire (sip.js does not report it for refreshes). */
  private lastRegisterCode: number | null = null;
  /** Registered at least once since start: failures after that read "Reconnecting" for a while. */
  private wasRegistered = false;
  /** A server tried in this round (primary, then backup) refused us its certificate: shown rather than "unreachable". */
  private certificate: CertificateProblem | null = null;
  private current: RegistrationState;

  constructor(private readonly options: RegistrationOptions) {
    // Not announced: start() moves to 'connecting' and says so.
    this.current = {
      status: 'stopped',
      since: options.now(),
      retryAt: null,
      attempt: 0,
      code: null,
      server: 'primary',
      aor: `sip:${options.settings.username}@${options.settings.domain}`,
    };
  }

  get state(): RegistrationState {
    return this.current;
  }

  /** The server the transport should use for its next connection. */
  serverUrl(): string {
    const { primary, backup } = this.options.settings.servers;
    return this.serverIndex === 1 && backup ? backup : primary;
  }

  /** Called by the transport for every SIP message it receives. */
  observeIncoming(message: string): void {
    if (!message.startsWith('SIP/2.0 ')) return;
    const code = Number(message.slice(8, 11));
    if (code < 200) return;
    if (/\r\nCSeq:\s*\d+\s+REGISTER\r\n/i.test(message)) this.lastRegisterCode = code;
  }

  start(ua: UserAgent, transport: WsTransport): void {
    this.ua = ua;
    this.transport = transport;
    this.setState({ status: 'connecting', attempt: 0, retryAt: null, code: null });
    void this.connectNow();
  }

  /** The UserAgent's transport connected (UserAgentDelegate.onConnect). */
  onConnected(): void {
    if (this.stopped) return;
    // Delegates must not call back into sip.js synchronously.
    queueMicrotask(() => this.sendRegister());
  }

  /** The transport went down (UserAgentDelegate.onDisconnect); `error` is undefined when we closed it. */
  onDisconnected(error?: Error): void {
    if (this.stopped) return;
    this.disposeRegisterer();
    if (!error) return;
    this.options.log.warn('SIP connection lost', { server: this.current.server });
    const wasUp = this.current.status === 'registered' || this.current.status === 'registering';
    if (wasUp) this.setState({ attempt: 0 });
    this.scheduleRetry(this.failureStatus(), RECONNECT_BACKOFF, null);
  }

  /**
   * Try again now: the agent asked, the machine woke up or the network changed.
   * After a refused password only the agent's own request retries.
   */
  retryNow(reason: 'user' | 'resume' | 'network'): void {
    if (this.stopped || !this.ua) return;
    if (this.current.status === 'auth-failed' && reason !== 'user') return;
    this.options.log.info('registration retry requested', { reason, status: this.current.status });
    if (reason === 'user') this.setState({ attempt: 0, code: null });
    this.clearTimer();
    if (this.transport?.isConnected()) {
      // The socket may look open while it is dead (sleep, new network): prove it, and refresh the binding,
      // which the server may have dropped while we were away.
      if (reason !== 'user') this.transport.checkAlive(3_000);
      if (this.registerer && this.registerer.state === RegistererState.Registered) {
        this.registerer.register().catch(() => undefined);
        return;
      }
      this.sendRegister();
      return;
    }
    void this.connectNow();
  }

  /** Unregisters (best effort, bounded) and stops all retries. */
  async stop(timeoutMs = 1_500): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    const registerer = this.registerer;
    this.registerer = null;
    if (registerer && registerer.state === RegistererState.Registered && this.transport?.isConnected()) {
      await Promise.race([registerer.unregister().catch(() => undefined), delay(timeoutMs)]);
    }
    if (registerer) void registerer.dispose().catch(() => undefined);
    this.setState({ status: 'stopped', retryAt: null });
  }

  private async connectNow(): Promise<void> {
    const ua = this.ua;
    if (!ua || this.stopped) return;
    this.clearTimer();
    if (this.transport?.isConnected()) {
      this.sendRegister();
      return;
    }
    this.setState({ status: 'connecting', retryAt: null, server: this.serverIndex === 1 ? 'backup' : 'primary' });
    try {
      if (ua.state === UserAgentState.Started) await ua.reconnect();
      else await ua.start();
    } catch {
      this.onConnectFailed();
    }
  }

  private onConnectFailed(): void {
    if (this.stopped) return;
    const { backup } = this.options.settings.servers;
    this.options.log.info('could not connect to SIP server', {
      server: this.serverIndex === 1 ? 'backup' : 'primary',
      attempt: this.current.attempt,
    });
    this.certificate ??= this.transport?.certificateProblem ?? null;
    if (this.serverIndex === 0 && backup) {
      this.serverIndex = 1;
      void this.connectNow();
      return;
    }
    this.serverIndex = 0;
    if (this.certificate) {
      // Retrying soon cannot help (only IT can fix a certificate), and the agent must read why, not "unreachable".
      this.scheduleRetry('certificate-failed', REJECTED_BACKOFF, null);
      this.certificate = null;
      return;
    }
    this.scheduleRetry(this.failureStatus(), RECONNECT_BACKOFF, null);
  }

  /** After a drop the first few failures read "Reconnecting"; then it is plainly "Server unreachable". */
  private failureStatus(): RegistrationStatus {
    return this.wasRegistered && this.current.attempt < 3 ? 'reconnecting' : 'unreachable';
  }

  private sendRegister(): void {
    const ua = this.ua;
    if (!ua || this.stopped) return;
    this.disposeRegisterer();
    const registerer = new Registerer(ua, {
      expires: this.options.settings.registerExpiresSec,
      // Refresh at 85 % of the expiry, leaving time for a retry before the binding lapses.
      refreshFrequency: 85,
      logConfiguration: false,
    });
    this.registerer = registerer;
    registerer.stateChange.addListener((state) => this.onRegistererState(registerer, state));
    this.lastRegisterCode = null;
    this.setState({ status: 'registering', retryAt: null, server: this.serverIndex === 1 ? 'backup' : 'primary' });
    registerer
      .register({
        requestDelegate: {
          onReject: (response) => {
            if (registerer === this.registerer) this.onFailure(response.message.statusCode ?? 0);
          },
        },
      })
      .catch(() => {
        if (registerer === this.registerer) this.onFailure(0);
      });
  }

  private onRegistererState(registerer: Registerer, state: RegistererState): void {
    if (registerer !== this.registerer || this.stopped) return;
    if (state === RegistererState.Registered) {
      if (this.current.status !== 'registered')
        this.options.log.info('registered', { server: this.serverIndex === 1 ? 'backup' : 'primary' });
      this.wasRegistered = true;
      this.setState({ status: 'registered', attempt: 0, retryAt: null, code: null });
      return;
    }
    // A refresh that failed: sip.js reports no response for it, the wire did.
    if (state === RegistererState.Unregistered && this.current.status === 'registered') {
      this.onFailure(this.lastRegisterCode ?? 0);
    }
  }

  private onFailure(code: number): void {
    this.disposeRegisterer();
    if (AUTH_FAILURES.has(code)) {
      this.options.log.warn('registration refused: credentials', { code });
      this.clearTimer();
      this.setState({ status: 'auth-failed', code, retryAt: null });
      return;
    }
    if (TRANSIENT.has(code)) {
      this.options.log.warn('registration failed; will retry', { code });
      this.scheduleRetry(this.failureStatus(), RECONNECT_BACKOFF, code || null);
      return;
    }
    this.options.log.warn('registration refused', { code });
    this.scheduleRetry('rejected', REJECTED_BACKOFF, code);
  }

  private scheduleRetry(status: RegistrationStatus, backoff: BackoffPolicy, code: number | null): void {
    if (this.stopped) return;
    this.clearTimer();
    const attempt = this.current.attempt + 1;
    const wait = backoffDelay({ ...backoff, random: this.options.random }, attempt);
    this.setState({ status, attempt, code, retryAt: this.options.now() + wait });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connectNow();
    }, wait);
    this.retryTimer.unref?.();
  }

  private disposeRegisterer(): void {
    const registerer = this.registerer;
    if (!registerer) return;
    this.registerer = null;
    // With the transport down its unregister cannot leave the machine; with it up (a refused
    // REGISTER) there is no binding to remove. Either way nothing reaches the server.
    void registerer.dispose().catch(() => undefined);
  }

  private clearTimer(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setState(patch: Partial<RegistrationState>): void {
    const next = { ...this.current, ...patch };
    if (patch.status !== undefined && patch.status !== this.current.status) next.since = this.options.now();
    // The certificate's problem belongs to that status alone (other states carry no such field).
    if (next.status === 'certificate-failed') next.certificate = this.certificate ?? this.current.certificate ?? 'invalid';
    else delete next.certificate;
    const changed = (Object.keys(next) as (keyof RegistrationState)[]).some((k) => next[k] !== this.current[k]);
    this.current = next;
    if (changed) this.options.onChange(next);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}
