import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, requireBuild } from './system-deps';

export interface RunningWebShell {
  appUrl: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** Everything the host wrote to stderr (its log), for assertions. */
  log: () => string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the built web shell (`dist/web-shell/host.cjs --no-open`) on a free port with a fresh data folder. */
export async function startWebShell(options: { dataDir?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<RunningWebShell> {
  requireBuild();
  const ownDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'switchboard-e2e-'));
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/web-shell/host.cjs'), '--no-open', '--data-dir', dataDir, ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const appUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web shell did not start in 20 s:\n${stderr}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web shell exited with ${code} before serving:\n${stderr}`));
    });
  });
  const url = new URL(appUrl);
  return {
    appUrl,
    origin: url.origin,
    port: Number(url.port),
    token: url.hash.replace('#token=', ''),
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
