import { mkdtempSync, rmSync } from 'node:fs';
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
}

/**
 * A real kamailio for the lab: foreground (-DD), logging to stderr (-E), its
 * own runtime directory, started on 127.0.0.1 and stopped by SIGTERM with a
 * wait for exit (its workers need up to a second to free the ports).
 */
export class Kamailio {
  readonly wsPort: number;
  readonly sipPort: number;
  private lab: LabProcess | null = null;
  private output = '';
  private readonly runDir: string;

  constructor(private readonly options: KamailioOptions) {
    this.wsPort = options.wsPort ?? 5066;
    this.sipPort = options.sipPort ?? 5060;
    this.runDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-kamailio-'));
  }

  get url(): string {
    return `ws://127.0.0.1:${this.wsPort}`;
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

  async start(): Promise<void> {
    if (this.running) return;
    const gateway = this.options.config === 'gateway';
    if (gateway && !this.options.rtpengineNg) throw new Error('the gateway config needs rtpengineNg');
    const args = [
      '-f', gateway ? GATEWAY_CFG : LAB_CFG,
      '-L', this.options.modulesDir,
      '-DD', '-E',
      '-Y', this.runDir,
      '-P', path.join(this.runDir, 'kamailio.pid'),
      '-w', this.runDir,
      '-A', `WS_PORT=${this.wsPort}`,
      '-A', `SIP_PORT=${this.sipPort}`,
      ...(this.options.auth ? ['-A', 'WITH_AUTH'] : []),
      // Quoted: kamailio expands defines only outside strings, so the string is the define's value.
      ...(gateway ? ['-A', `RTPENGINE_SOCK="${this.options.rtpengineNg}"`] : []),
    ];
    const lab = spawnLabProcess(this.options.binary, args, ['ignore', 'ignore', 'pipe']);
    this.lab = lab;
    lab.proc.stderr?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    await waitForPort(this.wsPort, 10_000, () => {
      if (!this.running) throw new Error(`kamailio exited during start-up:\n${this.output.slice(-3000)}`);
    });
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
