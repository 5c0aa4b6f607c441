import { spawn, type ChildProcess } from 'node:child_process';

/** One UDP datagram the tap saw on its way to a watched port. */
export interface TappedPacket {
  /** Kernel capture time, ms since the epoch (the clock of Date.now()). */
  at: number;
  fromPort: number;
  toPort: number;
  /** UDP payload length in bytes. */
  length: number;
  /** For a datagram to the watched SIP port: its status code (a response) and the method its CSeq names. */
  sip?: { status: number | null; cseqMethod: string | null };
}

/** tcpdump's line for a UDP datagram or a TCP segment (SIP may come over either), e.g. "… > 127.0.0.1.31000: UDP, length 172". */
const LINE = /^(\d+)\.(\d{6}) IP 127\.0\.0\.1\.(\d+) > 127\.0\.0\.1\.(\d+): .*length (\d+)/;
const STATUS = /SIP\/2\.0 (\d{3}) /;
const CSEQ = /^CSeq:\s*\d+\s+([A-Z]+)/im;

/**
 * What reaches a plain phone's RTP ports (and, optionally, its SIP port), seen on the loopback
 * interface: tcpdump with kernel timestamps, so "the first audio at the caller" is when the datagram
 * was on its way into the phone's socket, not when a test process got round to reading it. Of RTP
 * it keeps ports, lengths and times; of SIP the status and CSeq method. The lab's traffic is
 * loopback-only, in the run's own network namespace. Needs the right to capture (root, as the lab's
 * netns runner gives).
 */
export class RtpTap {
  readonly packets: TappedPacket[] = [];
  private proc: ChildProcess | null = null;
  private output = '';
  private rest = '';
  /** The SIP datagram whose payload lines are being read (tcpdump -A prints them after its line). */
  private sipText: { packet: TappedPacket; text: string } | null = null;

  constructor(
    private readonly binary: string,
    /** Destination ports to watch, [min, max]. */
    private readonly ports: [number, number],
    private readonly also: {
      /** The phone's SIP port: its requests and responses are kept with their status and CSeq method. */
      sipPort?: number;
      /** The media relay's ports, [min, max]: what reaches the relay from either side. */
      relayPorts?: [number, number];
    } = {},
  ) {}

  private get sipPort(): number | undefined {
    return this.also.sipPort;
  }

  async start(): Promise<void> {
    const relay = this.also.relayPorts;
    const udp = [`dst portrange ${this.ports[0]}-${this.ports[1]}`, ...(relay ? [`dst portrange ${relay[0]}-${relay[1]}`] : [])];
    // SIP over UDP or TCP: a request too large for UDP goes over TCP (RFC 3261 §18.1.1), and its responses with it.
    const filter = `dst host 127.0.0.1 and ((udp and (${udp.join(' or ')}))${this.sipPort ? ` or dst port ${this.sipPort}` : ''})`;
    // -tt: epoch seconds; -l and --immediate-mode: each packet as it is captured, not buffered;
    // -q: one plain line per packet (no SIP decoding on port 5060); -A: the payload as text, read only for SIP.
    const proc = spawn(this.binary, ['-i', 'lo', '-n', '-tt', '-l', '--immediate-mode', '-q', '-A', filter], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    proc.stdout.on('data', (chunk: Buffer) => this.onOutput(chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`tcpdump did not start within 10 s:\n${this.output}`)), 10_000);
      proc.stderr.on('data', (chunk: Buffer) => {
        this.output += chunk.toString();
        // tcpdump says "listening on lo, ..." once its capture is open: nothing after that is missed.
        if (/listening on lo/.test(this.output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`tcpdump exited (${code}):\n${this.output}`));
      });
    });
  }

  /** When a SIP response with `status` to a `method` request reached the phone, at or after `since`; null if none yet. */
  sipResponseAt(status: number, method: string, since: number): number | null {
    return this.packets.find((p) => p.at >= since && p.sip?.status === status && p.sip.cseqMethod === method)?.at ?? null;
  }

  /** Datagrams that reached the relay's ports from outside the phone's ports (from the agent's side) at or after `since`. */
  toRelaySince(since: number): TappedPacket[] {
    const relay = this.also.relayPorts;
    if (!relay) throw new Error('the tap was not asked to watch the relay');
    return this.packets.filter(
      (p) =>
        p.at >= since &&
        p.toPort >= relay[0] &&
        p.toPort <= relay[1] &&
        (p.fromPort < this.ports[0] || p.fromPort > this.ports[1]) &&
        (p.fromPort < relay[0] || p.fromPort > relay[1]),
    );
  }

  /** Datagrams to even ports (RTP; the phones demultiplex RTCP onto the odd port above) captured at or after `since`. */
  rtpSince(since: number, toPort?: number): TappedPacket[] {
    return this.packets.filter(
      (p) =>
        p.at >= since &&
        p.toPort >= this.ports[0] &&
        p.toPort <= this.ports[1] &&
        p.toPort % 2 === 0 &&
        (toPort === undefined || p.toPort === toPort),
    );
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  }

  private onOutput(text: string): void {
    const lines = (this.rest + text).split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) {
      const m = LINE.exec(line);
      if (!m) {
        // A payload line of the SIP datagram above (tcpdump -A); an RTP payload is not read.
        const current = this.sipText;
        if (!current) continue;
        current.text += `${line}\n`;
        const status = STATUS.exec(current.text);
        current.packet.sip = { status: status ? Number(status[1]) : null, cseqMethod: CSEQ.exec(current.text)?.[1] ?? null };
        continue;
      }
      const packet: TappedPacket = {
        at: Number(m[1]) * 1000 + Number(m[2]) / 1000,
        fromPort: Number(m[3]),
        toPort: Number(m[4]),
        length: Number(m[5]),
      };
      const sip = packet.toPort === this.sipPort;
      if (sip) packet.sip = { status: null, cseqMethod: null };
      this.packets.push(packet);
      this.sipText = sip ? { packet, text: '' } : null;
    }
  }
}
