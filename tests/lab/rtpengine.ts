import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { isRunning, spawnLabProcess, stopLabProcess, type LabProcess } from './lab-process';

export interface RtpengineOptions {
  binary: string;
  /** UDP port of the ng control protocol on 127.0.0.1 (kamailio's rtpengine_sock). */
  ngPort?: number;
  /** Media ports rtpengine allocates from; a call takes 2 per leg (4 with RTCP not muxed). */
  portMin?: number;
  portMax?: number;
}

/**
 * A real rtpengine for the gateway lab: userspace only (`--table=-1`, so no
 * kernel module is needed and none is touched), foreground, bound to
 * 127.0.0.1 for media and for its ng control socket, with a small media port
 * range of its own so it never meets the other lab parts' ports.
 */
export class Rtpengine {
  readonly ngPort: number;
  private lab: LabProcess | null = null;
  private output = '';

  constructor(private readonly options: RtpengineOptions) {
    this.ngPort = options.ngPort ?? 2223;
  }

  /** For kamailio's `rtpengine_sock` modparam (Kamailio's `rtpengineNg` option). */
  get ngSocket(): string {
    return `udp:127.0.0.1:${this.ngPort}`;
  }

  get running(): boolean {
    return isRunning(this.lab);
  }

  /** Everything rtpengine logged (control commands and the SDP it produced are at level 6). */
  log(): string {
    return this.output;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const args = [
      // Debian's package ships /etc/rtpengine/rtpengine.conf; its settings (kernel table, public
      // interfaces) must not leak into the lab.
      '--config-file=none',
      '--foreground',
      '--log-stderr',
      '--log-level=6',
      '--table=-1',
      '--interface=127.0.0.1',
      `--listen-ng=127.0.0.1:${this.ngPort}`,
      `--port-min=${this.options.portMin ?? 30000}`,
      `--port-max=${this.options.portMax ?? 30199}`,
      // Two cores: rtpengine defaults to one worker per core plus timers; two is plenty for a few calls.
      '--num-threads=2',
      // A deleted call's ports are free at once (default: kept 30 s), so test after test reuses them.
      '--delete-delay=0',
    ];
    const lab = spawnLabProcess(this.options.binary, args, ['ignore', 'ignore', 'pipe']);
    this.lab = lab;
    lab.proc.stderr?.on('data', (chunk: Buffer) => {
      // Bounded: at level 6 every call adds its SDPs; the tail is what a failure needs.
      this.output = (this.output + chunk.toString()).slice(-200_000);
    });
    // Up means answering its control protocol, not merely started: kamailio's first offer must not time out.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`rtpengine exited during start-up:\n${this.output.slice(-3000)}`);
      if (await this.ping(300)) return;
    }
    throw new Error(`rtpengine did not answer an ng ping within 10 s:\n${this.output.slice(-3000)}`);
  }

  /** Whether rtpengine answers an ng `ping` within `timeoutMs`. */
  async ping(timeoutMs: number): Promise<boolean> {
    const reply = await this.ng({ command: 'ping' }, timeoutMs).catch(() => null);
    return reply?.result === 'pong';
  }

  /**
   * Call-ids of the calls rtpengine holds. Empty once every call was deleted:
   * kamailio's rtpengine_delete ran on the BYE, CANCEL or failure.
   */
  async calls(): Promise<string[]> {
    const reply = await this.ng({ command: 'list' }, 2_000);
    const calls = reply.calls;
    return Array.isArray(calls) ? calls.filter((c): c is string => typeof c === 'string') : [];
  }

  /** One ng request (a bencoded dictionary after a cookie, over UDP) and its decoded reply. */
  ng(request: Record<string, string>, timeoutMs: number): Promise<Record<string, Bencoded>> {
    return new Promise((resolve, reject) => {
      const socket = createSocket('udp4');
      const cookie = randomBytes(6).toString('hex');
      const finish = (error: Error | null, reply?: Record<string, Bencoded>): void => {
        clearTimeout(timer);
        socket.close();
        if (error) reject(error);
        else resolve(reply ?? {});
      };
      const timer = setTimeout(() => finish(new Error(`rtpengine: no answer to "${request.command}" within ${timeoutMs} ms`)), timeoutMs);
      socket.on('message', (msg) => {
        const text = msg.toString('latin1');
        if (!text.startsWith(`${cookie} `)) return;
        const decoded = decodeBencode(text.slice(cookie.length + 1));
        if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded))
          finish(new Error(`rtpengine: unexpected reply ${text}`));
        else finish(null, decoded);
      });
      socket.on('error', (error) => finish(error));
      socket.send(`${cookie} ${encodeBencode(request)}`, this.ngPort, '127.0.0.1');
    });
  }

  /** SIGTERM, then SIGKILL after 3 s; resolves when the process has gone. */
  async stop(): Promise<void> {
    if (!this.lab) return;
    await stopLabProcess(this.lab);
    this.lab = null;
  }
}

export type Bencoded = string | number | Bencoded[] | { [key: string]: Bencoded };

function encodeBencode(dict: Record<string, string>): string {
  const keys = Object.keys(dict).sort();
  return `d${keys.map((k) => `${Buffer.byteLength(k)}:${k}${Buffer.byteLength(dict[k] ?? '')}:${dict[k] ?? ''}`).join('')}e`;
}

/** Enough bencode for ng replies: strings (latin1, so lengths are bytes), integers, lists, dictionaries. */
function decodeBencode(text: string): Bencoded {
  let at = 0;
  const value = (): Bencoded => {
    const c = text[at];
    if (c === 'i') {
      const end = text.indexOf('e', at);
      const n = Number(text.slice(at + 1, end));
      at = end + 1;
      return n;
    }
    if (c === 'l' || c === 'd') {
      at += 1;
      const items: Bencoded[] = [];
      while (text[at] !== 'e') {
        if (at >= text.length) throw new Error('bencode: unterminated');
        items.push(value());
      }
      at += 1;
      if (c === 'l') return items;
      const dict: { [key: string]: Bencoded } = {};
      for (let i = 0; i + 1 < items.length; i += 2) {
        const key = items[i];
        if (typeof key !== 'string') throw new Error('bencode: a dictionary key is not a string');
        dict[key] = items[i + 1] as Bencoded;
      }
      return dict;
    }
    const colon = text.indexOf(':', at);
    const length = Number(text.slice(at, colon));
    if (!Number.isInteger(length)) throw new Error(`bencode: bad token at ${at}`);
    const str = text.slice(colon + 1, colon + 1 + length);
    at = colon + 1 + length;
    return str;
  };
  return value();
}
