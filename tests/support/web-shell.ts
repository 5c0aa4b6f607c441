import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, requireBuild } from './system-deps';

const LAUNCH_LINK = /http:\/\/127\.0\.0\.1:\d+\/launch\?code=[\w-]+/;

export interface RunningWebShell {
  /**
   * A fresh one-time launch link (the host prints one per line it reads on stdin, as it does for
   * a person at its terminal). Going to it signs the browser context in with a session cookie;
   * each context needs its own link, and a link works once.
   */
  launchUrl(): Promise<string>;
  origin: string;
  port: number;
  dataDir: string;
  /** Everything the host wrote to stderr (its log), for assertions. */
  log: () => string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the built web shell (`dist/web-shell/host.cjs --no-open`) on a free port with a fresh data folder. */
export async function startWebShell(
  options: { dataDir?: string; args?: string[]; env?: NodeJS.ProcessEnv; startTimeoutMs?: number } = {},
): Promise<RunningWebShell> {
  requireBuild();
  const ownDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'switchboard-e2e-'));
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'dist/web-shell/host.cjs'), '--no-open', '--data-dir', dataDir, ...(options.args ?? [])],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // Links in the order the host printed them, and callers waiting for the next one.
  const links: string[] = [];
  const waiting: ((link: string) => void)[] = [];
  let unread = '';
  child.stdout.on('data', (d: Buffer) => {
    unread += d.toString();
    const lines = unread.split('\n');
    unread = lines.pop() ?? '';
    for (const line of lines) {
      const link = LAUNCH_LINK.exec(line)?.[0];
      if (!link) continue;
      const next = waiting.shift();
      if (next) next(link);
      else links.push(link);
    }
  });
  const nextLink = (): Promise<string> => {
    const ready = links.shift();
    return ready !== undefined ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
  };
  const firstLink = await new Promise<string>((resolve, reject) => {
    const limitMs = options.startTimeoutMs ?? 20_000;
    const timer = setTimeout(() => reject(new Error(`web shell did not start in ${limitMs / 1000} s:\n${stderr}`)), limitMs);
    const exited = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`web shell exited with ${code} before serving:\n${stderr}`));
    };
    child.once('exit', exited);
    void nextLink().then((link) => {
      clearTimeout(timer);
      child.off('exit', exited);
      resolve(link);
    });
  });
  // The link printed at start only gives the port: a test may go to its page much later than
  // a minute on, so every launchUrl() asks for a fresh link.
  const url = new URL(firstLink);
  child.stdin.on('error', () => undefined);
  return {
    launchUrl() {
      child.stdin.write('\n');
      return nextLink();
    },
    origin: url.origin,
    port: Number(url.port),
    dataDir,
    log: () => stderr,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
