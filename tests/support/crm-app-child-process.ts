import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { expect } from 'vitest';
import { silentLogger } from '../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../electron/secrets/secret-store';
import { StoreClient } from '../../electron/store/store-client';
import type { AppChildConfig, AppChildStatusLine } from './crm-app-child';

/**
 * The test's side of crm-app-child.ts: starts the app with a CRM connector in a process of its own,
 * collects what it prints, kills it with SIGKILL (no shutdown code runs), and opens its data folder
 * afterwards to count what the store holds. The kill tests (tests/integration/crm/*-kill.test.ts and
 * tests/integration/sync/sync-kill.test.ts) run their emulator or server in the test process and drive the app through this.
 */

export type { AppChildCall, AppChildConfig } from './crm-app-child';

const CHILD = path.join(import.meta.dirname, 'crm-app-child.ts');

// Each child is a cold tsx process that opens an encrypted store: seconds on a quiet machine, several
// times that with the cores busy (npm run test:stress). The budgets are for the loaded machine.
export const CHILD_WAIT = { timeout: 90_000, interval: 25 };
export const CHILD_TEST = { timeout: 180_000 };

/** One line the child printed: a status change, or `logged`, `started`, `sign-in` (with `url`), `round`, `idle`, `error`. */
export type AppChildLine = { t: string; url?: string } & Partial<Omit<AppChildStatusLine, 't'>>;

export interface AppChild {
  process: ChildProcess;
  lines: AppChildLine[];
  /** The exit code; null when killed by a signal. */
  exited: Promise<number | null>;
  /** The end of what it wrote to stderr. */
  stderr(): string;
}

const running: ChildProcess[] = [];

/** Starts the app on `config.dataDir`; `stopAppChildren` in afterEach kills what a test left running. */
export function runAppChild(config: AppChildConfig): AppChild {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  const lines: AppChildLine[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as AppChildLine);
    } catch {
      // Not ours (e.g. a warning printed by Node); ignore.
    }
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(`app child exited ${code}: ${stderr.slice(-2000)}`);
      resolve(code);
    }),
  );
  return { process: child, lines, exited, stderr: () => stderr.slice(-2000) };
}

/** Waits for a line the child prints; when it never comes, the failure says how far the child got. */
export async function untilLine(child: AppChild, test: (line: AppChildLine) => boolean, what: string): Promise<AppChildLine> {
  const seen = await expect
    .poll(() => child.lines.some(test), CHILD_WAIT)
    .toBe(true)
    .then(
      () => true,
      () => false,
    );
  if (seen) return child.lines.find(test)!;
  const events = child.lines.filter((l) => l.t !== 'status').map((l) => l.t);
  const status = child.lines.filter((l) => l.t === 'status').at(-1);
  throw new Error(
    `The app never got to ${what} (exit code ${child.process.exitCode}); it printed ${events.join(', ') || 'nothing'}; ` +
      `its last status: ${JSON.stringify(status ?? null)}; stderr: ${child.stderr() || '(empty)'}`,
  );
}

/** Kills every child still running (afterEach). */
export function stopAppChildren(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.length = 0;
}

/** SIGKILL, as a crash or the task manager does it: the app gets no chance to finish anything. */
export async function killHard(child: AppChild): Promise<void> {
  child.process.kill('SIGKILL');
  await child.exited;
  expect(child.process.signalCode).toBe('SIGKILL');
}

/**
 * Waits for a child started with `exitWhenIdle` to send everything and exit. One that never gets
 * there (work parked, or stuck behind a parked row) is killed, and the failure says what its outbox holds.
 */
export async function untilIdleExit(child: AppChild, dataDir: string): Promise<void> {
  const exited = await expect
    .poll(() => child.process.exitCode, CHILD_WAIT)
    .toBe(0)
    .then(
      () => true,
      () => false,
    );
  if (exited) return;
  if (child.process.exitCode === null) await killHard(child);
  const { outbox } = await storeCounts(dataDir);
  throw new Error(`The app did not finish sending and exit (exit code ${child.process.exitCode}); its outbox: ${JSON.stringify(outbox)}`);
}

/** What the store in a data folder holds once no child has it open, and whether its integrity check passes. */
export async function storeCounts(dataDir: string) {
  const store = await StoreClient.open({
    dataDir,
    secrets: createKeyFileSecretStore(dataDir),
    log: silentLogger,
    readers: 'writer',
    integrityCheck: false,
  });
  try {
    const counts = await store.counts();
    const integrity = await store.runIntegrityCheck();
    return { ...counts, integrityOk: integrity.ok, bulkLoad: store.bulkLoadActive };
  } finally {
    await store.close();
  }
}
