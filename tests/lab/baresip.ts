import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isRunning, spawnLabProcess, stopLabProcess, type LabProcess } from './lab-process';
import { wavLevels, type WavLevels, type WavWindow } from './wav';

export interface BaresipOptions {
  binary: string;
  /** Folder with g711.so, ausine.so, sndfile.so, ctrl_tcp.so … (Debian: /usr/lib/baresip/modules). */
  modulesDir: string;
  /** SIP user, registered at the gateway as sip:<user>@127.0.0.1. */
  user: string;
  /** The gateway's UDP port on 127.0.0.1. */
  registrarPort: number;
  /**
   * baresip's own SIP port. It binds UDP and TCP on it and TLS on the port
   * above, so two phones need ports at least 2 apart.
   */
  sipPort: number;
  /** ctrl_tcp's command socket on 127.0.0.1. */
  ctrlPort: number;
  /** RTP (and RTCP) ports, [min, max]. */
  rtpPorts: [number, number];
  /**
   * The codecs the phone offers and accepts, in order, as name[/rate[/channels]]: e.g. ['PCMU', 'PCMA']
   * or ['opus/48000/2']. The rate defaults to 8000 and channels to 1, so a bare "opus" matches no codec,
   * and baresip then silently offers every codec it has.
   */
  codecs: string[];
  /** Its "microphone": a sine tone of this frequency (ausine). */
  toneHz?: number;
}

/** One event from ctrl_tcp, e.g. { type: 'CALL_DTMF_START', param: '5' }. */
export interface BaresipEvent {
  type: string;
  class?: string;
  id?: string;
  peeruri?: string;
  param?: string;
  direction?: string;
  /** Date.now() when it arrived. */
  at: number;
}

interface Pending {
  resolve: (data: string) => void;
  reject: (error: Error) => void;
}

/**
 * A plain SIP phone: baresip registering over UDP, RTP/AVP only (no ICE, no
 * DTLS), with a sine tone as its microphone and every received stream written
 * to WAV by the sndfile filter, which is how the test measures what it heard
 * (baresip 1.0's aufile module cannot play, and there is no audio device in
 * the lab). It is driven over ctrl_tcp: netstring-framed JSON commands (the
 * menu module's: dial, accept, hangup, hold, resume) and events, including
 * the RFC 4733 DTMF it receives.
 */
export class Baresip {
  readonly events: BaresipEvent[] = [];
  private readonly dir: string;
  private readonly recordings: string;
  private lab: LabProcess | null = null;
  private socket: Socket | null = null;
  private output = '';
  private inbox = '';
  private nextToken = 1;
  private readonly pending = new Map<string, Pending>();

  constructor(readonly options: BaresipOptions) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), `switchboard-baresip-${options.user}-`));
    this.recordings = path.join(this.dir, 'recordings');
    mkdirSync(this.recordings);
  }

  get aor(): string {
    return `sip:${this.options.user}@127.0.0.1`;
  }

  get running(): boolean {
    return isRunning(this.lab);
  }

  /** baresip's console output (bounded), for failure messages. */
  log(): string {
    return this.output;
  }

  /** Starts baresip and resolves once ctrl_tcp answers and the gateway has accepted its REGISTER. */
  async start(): Promise<void> {
    if (this.running) return;
    this.writeConfig();
    // SWITCHBOARD_LAB_SIP_TRACE=1 adds baresip's SIP trace (every message, with its SDP) to log().
    const trace = process.env.SWITCHBOARD_LAB_SIP_TRACE === '1' ? ['-s'] : [];
    const lab = spawnLabProcess(this.options.binary, [...trace, '-f', this.dir], ['ignore', 'pipe', 'pipe']);
    this.lab = lab;
    const proc = lab.proc;
    proc.once('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error(`baresip ${this.options.user} exited`));
      this.pending.clear();
    });
    const keep = (chunk: Buffer): void => {
      // The console's status line repeats every 100 ms during a call; keep the tail only.
      this.output = (this.output + chunk.toString().replace(STATUS_LINE, '')).slice(-100_000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    await this.connectControl();
    await this.waitForRegistration();
  }

  /** `dial` a SIP URI, e.g. sip:1001@127.0.0.1. Resolves when baresip has sent the INVITE. */
  async dial(uri: string): Promise<void> {
    this.clearRecordings();
    await this.command('dial', uri);
  }

  /** Answers the ringing call. */
  async accept(): Promise<void> {
    await this.command('accept');
  }

  async hangup(): Promise<void> {
    await this.command('hangup');
  }

  /** Puts the call on hold: a re-INVITE with a=sendonly. */
  async hold(): Promise<void> {
    await this.command('hold');
  }

  /** Takes the call off hold: a re-INVITE with a=sendrecv. */
  async resume(): Promise<void> {
    await this.command('resume');
  }

  /** The digits received as RFC 4733 telephone-events since `since` (an index into `events`), in order. */
  dtmfReceived(since = 0): string {
    return this.events
      .slice(since)
      .filter((e) => e.type === 'CALL_DTMF_START')
      .map((e) => e.param ?? '?')
      .join('');
  }

  /** Whether an event of this type (optionally matching `where`) has arrived since index `since`. */
  hasEvent(type: string, since = 0, where: (e: BaresipEvent) => boolean = () => true): boolean {
    return this.events.slice(since).some((e) => e.type === type && where(e));
  }

  /**
   * Levels of what the phone heard in the current call: the decoded receive
   * stream sndfile wrote, optionally only part of it. The recording grows only
   * while RTP arrives (nothing is written during a hold), so "after second N
   * of the recording" is how to ask about audio after an event.
   */
  heard(window: WavWindow = {}): WavLevels {
    const file = this.currentRecording('dec');
    if (!file) return { seconds: 0, rms: 0, loudFrames: 0 };
    return wavLevels(readFileSync(file), window);
  }

  async stop(): Promise<void> {
    this.socket?.destroy();
    this.socket = null;
    if (!this.lab) return;
    await stopLabProcess(this.lab);
    this.lab = null;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A call that starts (dial, or ring) must not be measured against the previous call's recording. */
  clearRecordings(): void {
    for (const f of readdirSync(this.recordings)) rmSync(path.join(this.recordings, f), { force: true });
  }

  private currentRecording(kind: 'dec' | 'enc'): string | null {
    // sndfile names its files dump-<yyyy-mm-dd-hh-mm-ss>-{enc,dec}.wav: the newest sorts last.
    const files = readdirSync(this.recordings)
      .filter((f) => f.endsWith(`-${kind}.wav`))
      .sort();
    const last = files.at(-1);
    return last ? path.join(this.recordings, last) : null;
  }

  private writeConfig(): void {
    const o = this.options;
    const config = [
      'poll_method epoll',
      `sip_listen 127.0.0.1:${o.sipPort}`,
      // An address, not "lo": baresip 1.0 finds no address on an interface named lo in the lab's netns.
      'net_interface 127.0.0.1',
      `rtp_ports ${o.rtpPorts[0]}-${o.rtpPorts[1]}`,
      'rtcp_mux no',
      // No sound card: the tone is the microphone, there is no player (the receive path still decodes
      // through the filters, so sndfile records it), and ringing has nowhere to sound.
      `audio_source ausine,${o.toneHz ?? 440}`,
      'audio_player none,none',
      'audio_alert none,none',
      // ausine produces 48 kHz stereo only; baresip resamples to the codec's rate.
      'ausrc_srate 48000',
      'ausrc_channels 2',
      'auplay_srate 48000',
      'auplay_channels 1',
      `module_path ${o.modulesDir}`,
      'module g711.so',
      'module g722.so',
      'module opus.so',
      'module ausine.so',
      'module sndfile.so',
      `snd_path ${this.recordings}`,
      'module_app account.so',
      // menu provides the commands (dial, accept, hangup, hold, resume) that ctrl_tcp runs.
      'module_app menu.so',
      'module_app ctrl_tcp.so',
      `ctrl_tcp_listen 127.0.0.1:${o.ctrlPort}`,
      'opus_bitrate 32000',
      '',
    ].join('\n');
    writeFileSync(path.join(this.dir, 'config'), config);
    // The AOR names the registrar (host:port, UDP); audio_codecs limits what the phone offers and accepts.
    const account = `<sip:${o.user}@127.0.0.1:${o.registrarPort};transport=udp>;regint=600;audio_codecs=${o.codecs.join(',')};answermode=manual\n`;
    writeFileSync(path.join(this.dir, 'accounts'), account);
    writeFileSync(path.join(this.dir, 'contacts'), '');
  }

  private async connectControl(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`baresip ${this.options.user} exited during start-up:\n${this.output.slice(-3000)}`);
      const socket = await new Promise<Socket | null>((resolve) => {
        const s = connect({ host: '127.0.0.1', port: this.options.ctrlPort });
        s.once('connect', () => resolve(s));
        s.once('error', () => resolve(null));
      });
      if (socket) {
        this.socket = socket;
        socket.on('data', (chunk: Buffer) => this.onData(chunk));
        socket.on('error', () => undefined);
        return;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`baresip ${this.options.user}: ctrl_tcp did not open within 10 s:\n${this.output.slice(-3000)}`);
  }

  /**
   * REGISTER_OK may fire before the control socket is connected, so ask: `reginfo`
   * lists each account with its state ("OK" once the registrar answered 200).
   */
  private async waitForRegistration(): Promise<void> {
    const deadline = Date.now() + 10_000;
    let info = '';
    while (Date.now() < deadline) {
      info = await this.command('reginfo');
      // The state is coloured ("\x1b[32mOK \x1b[;m"), so no word boundary before "OK".
      if (/OK\s/.test(info)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`baresip ${this.options.user} did not register (reginfo: ${JSON.stringify(info)}):\n${this.output.slice(-3000)}`);
  }

  /** Runs a command; resolves with its text output, fails if baresip says it failed. */
  command(name: string, params?: string): Promise<string> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error('baresip is not started'));
    const token = String(this.nextToken++);
    const json = JSON.stringify({ command: name, ...(params === undefined ? {} : { params }), token });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(token);
        reject(new Error(`baresip ${this.options.user}: no answer to "${name}" within 5 s`));
      }, 5_000);
      this.pending.set(token, {
        resolve: (data) => {
          clearTimeout(timer);
          resolve(data);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      socket.write(`${Buffer.byteLength(json)}:${json},`);
    });
  }

  private onData(chunk: Buffer): void {
    this.inbox += chunk.toString('utf8');
    // Netstrings: <length>:<payload>, — lengths are in bytes; the JSON is ASCII in practice.
    for (;;) {
      const colon = this.inbox.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.inbox.slice(0, colon));
      if (!Number.isInteger(length)) throw new Error(`baresip ctrl_tcp: bad netstring "${this.inbox.slice(0, 40)}"`);
      if (this.inbox.length < colon + 1 + length + 1) return;
      const payload = this.inbox.slice(colon + 1, colon + 1 + length);
      this.inbox = this.inbox.slice(colon + 2 + length);
      this.onMessage(JSON.parse(payload) as Record<string, unknown>);
    }
  }

  private onMessage(message: Record<string, unknown>): void {
    if (message.response === true) {
      const token = typeof message.token === 'string' ? message.token : '';
      const pending = this.pending.get(token);
      if (!pending) return;
      this.pending.delete(token);
      const data = typeof message.data === 'string' ? message.data : '';
      if (message.ok === true) pending.resolve(data);
      else pending.reject(new Error(`baresip ${this.options.user}: command failed: ${data}`));
      return;
    }
    if (message.event !== true || typeof message.type !== 'string') return;
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    // A new call's recording starts when its audio does: drop the last call's before that.
    if (message.type === 'CALL_INCOMING') this.clearRecordings();
    this.events.push({
      type: message.type,
      class: str(message.class),
      id: str(message.id),
      peeruri: str(message.peeruri),
      param: str(message.param),
      direction: str(message.direction),
      at: Date.now(),
    });
  }
}

/** The console's call status ("[0:00:03] audio=64000/63936 (bit/s)"), redrawn every 100 ms: noise in a log. */
const STATUS_LINE = /\s*\[\d+:\d\d:\d\d\] audio=\d+\/\d+ \(bit\/s\)/g;
