import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isRunning, spawnLabProcess, stopLabProcess, type LabProcess } from './lab-process';

export interface CoturnOptions {
  binary: string;
  /** TURN over UDP and TCP on 127.0.0.1; default 3478. */
  port?: number;
  /** Relay ports handed out to allocations; default 49160-49260. */
  relayPorts?: [number, number];
  /** Long-term credential; default user / password. */
  username?: string;
  password?: string;
  realm?: string;
}

/** What coturn's log says happened, per kind of TURN request that succeeded. */
export interface TurnActivity {
  allocations: number;
  permissions: number;
  channelBinds: number;
  /** Peer addresses permissions were installed for (coturn logs the IP only): where the relayed media went. */
  peers: string[];
  /**
   * Packets coturn relayed between its relay address and the peers, as its "peer usage" lines
   * count them. coturn writes them when an allocation ends (and every 4096 packets), so they
   * are 0 until the client has released its allocation (at hang-up).
   */
  relayed: { fromPeers: number; toPeers: number };
}

/**
 * A real TURN server for the lab: Debian's coturn on 127.0.0.1 with one static long-term
 * credential, started as a child of the test (no systemd, no /etc/turnserver.conf: `-n`) and
 * stopped with it. Plain TURN over UDP/TCP only: TLS toward the TURN server is not what the
 * lab tests. Everything is loopback, so coturn must be told to relay to loopback peers,
 * which it refuses by default.
 */
export class Coturn {
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly realm: string;
  private lab: LabProcess | null = null;
  private readonly runDir: string;
  private readonly logFile: string;
  private stderr = '';

  constructor(private readonly options: CoturnOptions) {
    this.port = options.port ?? 3478;
    this.username = options.username ?? 'user';
    this.password = options.password ?? 'password';
    this.realm = options.realm ?? 'switchboard.lab';
    this.runDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-coturn-'));
    this.logFile = path.join(this.runDir, 'turnserver.log');
  }

  /** The app's `iceServers` entry for this server. */
  get iceServer(): { urls: string[]; username: string; credential: string } {
    return { urls: [`turn:127.0.0.1:${this.port}?transport=udp`], username: this.username, credential: this.password };
  }

  get running(): boolean {
    return isRunning(this.lab);
  }

  async start(): Promise<void> {
    if (this.running) return;
    const [minPort, maxPort] = this.options.relayPorts ?? [49160, 49260];
    const args = [
      '-n', // no config file: everything is on this line
      `--listening-ip=127.0.0.1`,
      `--relay-ip=127.0.0.1`,
      `--listening-port=${this.port}`,
      `--min-port=${minPort}`,
      `--max-port=${maxPort}`,
      '--lt-cred-mech',
      `--user=${this.username}:${this.password}`,
      `--realm=${this.realm}`,
      '--fingerprint',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      // The agent's relay must reach the far end's host candidate on 127.0.0.1.
      '--allow-loopback-peers',
      // Its default database and pid file are under /var; the lab writes only to its own folder.
      `--userdb=${path.join(this.runDir, 'turndb')}`,
      `--pidfile=${path.join(this.runDir, 'turnserver.pid')}`,
      `--log-file=${this.logFile}`,
      '--simple-log',
      '--no-stdout-log',
      // Logs each allocation, permission and channel bind: the proof that media went through it.
      '--verbose',
    ];
    const lab = spawnLabProcess(this.options.binary, args, ['ignore', 'ignore', 'pipe']);
    this.lab = lab;
    lab.proc.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    // Up when it answers a STUN Binding request on UDP (its TCP listener opens first).
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`turnserver exited during start-up:\n${this.stderr.slice(-2000)}\n${this.log().slice(-2000)}`);
      if (await stunBinding(this.port, 200)) return;
      // A refused datagram fails at once: do not spin while it starts.
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`turnserver did not answer STUN on 127.0.0.1:${this.port} within 10 s:\n${this.log().slice(-2000)}`);
  }

  /** Everything coturn logged so far. */
  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** The TURN requests that succeeded, by the log, optionally only after `since` characters of it. */
  activity(since = 0): TurnActivity {
    const log = this.log().slice(since);
    const count = (request: string) => (log.match(new RegExp(`incoming packet ${request} processed, success`, 'g')) ?? []).length;
    const peers = [...log.matchAll(/: peer (\d+\.\d+\.\d+\.\d+) lifetime updated/g)].map((m) => m[1] ?? '');
    const relayed = { fromPeers: 0, toPeers: 0 };
    // "session 001000000000000001: peer usage: realm=<…>, username=<user>, rp=39, rb=6184, sp=45, sb=11551"
    for (const m of log.matchAll(/: peer usage: .*?\brp=(\d+), rb=\d+, sp=(\d+)/g)) {
      relayed.fromPeers += Number(m[1]);
      relayed.toPeers += Number(m[2]);
    }
    return {
      allocations: count('ALLOCATE'),
      permissions: count('CREATE_PERMISSION'),
      channelBinds: count('CHANNEL_BIND'),
      peers: [...new Set(peers)],
      relayed,
    };
  }

  /** SIGTERM, SIGKILL after 3 s; resolves when it has exited. */
  async stop(): Promise<void> {
    if (!this.lab || !this.running) return;
    await stopLabProcess(this.lab, 'SIGTERM');
    this.lab = null;
  }

  dispose(): void {
    rmSync(this.runDir, { recursive: true, force: true });
  }
}

/** Sends one STUN Binding request (RFC 5389) to 127.0.0.1:`port`; true if a response with its transaction id came back. */
function stunBinding(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const transaction = randomBytes(12);
    const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), transaction]);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('message', (message) => {
      if (message.length >= 20 && message.subarray(8, 20).equals(transaction)) done(true);
    });
    // ICMP port unreachable while it is still starting: not up yet.
    socket.on('error', () => done(false));
    socket.send(request, port, '127.0.0.1');
  });
}
