import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isRunning, spawnLabProcess, stopLabProcess, type LabProcess } from './lab-process';

export const LAB_CFG = path.join(import.meta.dirname, 'kamailio.cfg');
/** The WebRTC gateway: plain SIP phones on UDP bridged to WebSocket agents through rtpengine. */
export const GATEWAY_CFG = path.join(import.meta.dirname, 'kamailio-gateway.cfg');

export interface KamailioOptions {
  binary: string;
  modulesDir: string;
  /** Digest auth with password "secret-<user>". */
  auth?: boolean;
  wsPort?: number;
  sipPort?: number;
  /** 'lab' (default): the plain registrar/proxy; 'gateway': kamailio-gateway.cfg, which needs `rtpengineNg`. */
  config?: 'lab' | 'gateway';
  /** The gateway's rtpengine ng control address, e.g. "udp:127.0.0.1:2223" (Rtpengine.ngSocket). */
  rtpengineNg?: string;
  /**
   * SIP over secure WebSocket as well (lab config only): a TLS listener on 127.0.0.1:`port`
   * (default 7443) presenting this certificate (tests/lab/test-ca.ts). The ws:// listener stays.
   */
  tls?: { certFile: string; keyFile: string; port?: number };
}

/**
 * A real kamailio for the lab: foreground (-DD), logging to stderr (-E), its
 * own runtime directory, started on 127.0.0.1 and stopped by SIGTERM with a
 * wait for exit (its workers need up to a second to free the ports).
 */
export class Kamailio {
  readonly wsPort: number;
  readonly sipPort: number;
  /** The wss:// port, when started with `tls`. */
  readonly wssPort: number | null;
  private lab: LabProcess | null = null;
  private output = '';
  private readonly runDir: string;

  constructor(private readonly options: KamailioOptions) {
    this.wsPort = options.wsPort ?? 5066;
    this.sipPort = options.sipPort ?? 5060;
    this.wssPort = options.tls ? (options.tls.port ?? 7443) : null;
    this.runDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-kamailio-'));
  }

  get url(): string {
    return `ws://127.0.0.1:${this.wsPort}`;
  }

  /** The secure WebSocket address (needs the `tls` option). */
  get wssUrl(): string {
    if (this.wssPort === null) throw new Error('kamailio was not given a TLS certificate');
    return `wss://127.0.0.1:${this.wssPort}`;
  }

  get running(): boolean {
    return isRunning(this.lab);
  }

  /** Everything kamailio logged since it was first started (all runs). */
  log(): string {
    return this.output;
  }

  /** REGISTER requests kamailio received (all runs), optionally for one user. */
  registerCount(user?: string): number {
    const lines = this.output.match(/LAB-REGISTER user=\S+/g) ?? [];
    return user ? lines.filter((l) => l === `LAB-REGISTER user=${user}`).length : lines.length;
  }

  /** The transport of each REGISTER kamailio received from `user` (udp, tcp, ws, wss…), in order. */
  registerProtocols(user: string): string[] {
    return [...this.output.matchAll(/LAB-REGISTER user=(\S+) auth=\S* proto=(\S+)/g)].filter((m) => m[1] === user).map((m) => m[2] ?? '');
  }

  async start(): Promise<void> {
    if (this.running) return;
    const gateway = this.options.config === 'gateway';
    if (gateway && !this.options.rtpengineNg) throw new Error('the gateway config needs rtpengineNg');
    if (gateway && this.options.tls) throw new Error('TLS is only in the lab config');
    const tlsArgs = this.options.tls
      ? ['-A', 'WITH_TLS', '-A', `WSS_PORT=${this.wssPort}`, '-A', `TLS_CFG="${this.writeTlsConfig(this.options.tls)}"`]
      : [];
    const args = [
      '-f',
      gateway ? GATEWAY_CFG : LAB_CFG,
      '-L',
      this.options.modulesDir,
      '-DD',
      '-E',
      '-Y',
      this.runDir,
      '-P',
      path.join(this.runDir, 'kamailio.pid'),
      '-w',
      this.runDir,
      '-A',
      `WS_PORT=${this.wsPort}`,
      '-A',
      `SIP_PORT=${this.sipPort}`,
      ...(this.options.auth ? ['-A', 'WITH_AUTH'] : []),
      // Quoted: kamailio expands defines only outside strings, so the string is the define's value.
      ...(gateway ? ['-A', `RTPENGINE_SOCK="${this.options.rtpengineNg}"`] : []),
      ...tlsArgs,
    ];
    const lab = spawnLabProcess(this.options.binary, args, ['ignore', 'ignore', 'pipe']);
    this.lab = lab;
    lab.proc.stderr?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    const alive = () => {
      if (!this.running) throw new Error(`kamailio exited during start-up:\n${this.output.slice(-3000)}`);
    };
    await waitForPort(this.wsPort, 10_000, alive);
    if (this.wssPort !== null) await waitForPort(this.wssPort, 10_000, alive);
  }

  /**
   * kamailio's TLS module reads its certificates from a file of profiles. The client profile
   * does not verify: kamailio never opens TLS connections in the lab, the app's side is what is tested.
   */
  private writeTlsConfig(tls: NonNullable<KamailioOptions['tls']>): string {
    const file = path.join(this.runDir, 'tls.cfg');
    writeFileSync(
      file,
      [
        '[server:default]',
        'method = TLSv1.2+',
        'verify_certificate = no',
        'require_certificate = no',
        `certificate = ${tls.certFile}`,
        `private_key = ${tls.keyFile}`,
        '',
        '[client:default]',
        'method = TLSv1.2+',
        'verify_certificate = no',
        'require_certificate = no',
        '',
      ].join('\n'),
    );
    return file;
  }

  /** SIGTERM, then SIGKILL after 3 s; resolves when the process has gone. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** The server dies without a goodbye: what a crash or a pulled cable looks like to clients. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  dispose(): void {
    rmSync(this.runDir, { recursive: true, force: true });
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    if (!this.lab || !this.running) return;
    // kamailio forks its workers (which hold the sockets): a SIGKILL goes to the whole group.
    await stopLabProcess(this.lab, signal);
    await waitForPortClosed(this.wsPort, 5_000);
    this.lab = null;
  }
}

async function probe(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function waitForPort(port: number, timeoutMs: number, check: () => void = () => undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    check();
    if (await probe(port)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
}

async function waitForPortClosed(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await probe(port))) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`port ${port} still open ${timeoutMs} ms after kamailio stopped`);
}
