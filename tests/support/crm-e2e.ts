import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { FarEnd, type FarEndCall } from '../lab/far-end';
import { Kamailio } from '../lab/kamailio';
import { expect, type Page } from './e2e';
import { openShellStore } from './shell-store';
import { StatusObserver } from './sync-status-observer';
import type { StoreClient } from '../../electron/store/store-client';
import { startWebShell, type RunningWebShell } from './web-shell';

/**
 * What the CRM connectors' end-to-end specs (tests/e2e/zendesk.spec.ts, salesforce.spec.ts)
 * share: the agent's desk (a fresh data folder, IT's policy file choosing the CRM, real kamailio,
 * the built web shell, a werift caller), the regions of the window they look at, and the agent's
 * steps that are the same whatever the CRM: ring, answer, hang up, code the wrap-up by keyboard,
 * and sync again until main is idle to see nothing written twice.
 */

/** The agent's SIP account (tests/support/phone-setup.ts signs in as it). */
export const AGENT = '1001';

export interface CrmCaller {
  /** The caller's SIP user: the digits the agent's phone sees as the number. */
  sipUser: string;
  /** That number as the store keeps it (E.164). */
  e164: string;
  displayName: string;
}

export interface CrmDeskOptions {
  /** Names the temporary folders. */
  name: string;
  kamailio: { binary: string; modulesDir: string };
  caller: CrmCaller;
}

/** Starts in `start`, stops in `close`, which stops whatever did start even when something failed. */
export class CrmDesk {
  kamailio: Kamailio | null = null;
  shell: RunningWebShell | null = null;
  caller: FarEnd | null = null;
  dataDir = '';
  private policyDir = '';

  constructor(private readonly options: CrmDeskOptions) {}

  /**
   * A data folder that knows nothing of the caller (whatever the screen pop shows comes from the
   * CRM), IT's policy with `enforced`, kamailio with digest auth, the web shell, and the caller
   * registered.
   */
  async start(enforced: Record<string, unknown>): Promise<void> {
    const { name, caller } = this.options;
    this.dataDir = mkdtempSync(path.join(tmpdir(), `sb-e2e-${name}-`));
    const store = await openShellStore(this.dataDir);
    try {
      expect((await store.lookupCaller(caller.e164)).matches).toEqual([]);
    } finally {
      await store.close();
    }
    this.policyDir = mkdtempSync(path.join(tmpdir(), `sb-e2e-${name}-policy-`));
    const policyFile = path.join(this.policyDir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ enforced }));
    this.kamailio = new Kamailio({ ...this.options.kamailio, auth: true });
    await this.kamailio.start();
    this.shell = await startWebShell({ dataDir: this.dataDir, args: ['--policy-file', policyFile] });
    this.caller = new FarEnd({ user: caller.sipUser, server: this.kamailio.url, displayName: caller.displayName });
    await this.caller.start();
  }

  get running(): RunningWebShell {
    if (!this.shell) throw new Error('the web shell is not running');
    return this.shell;
  }

  get sipServer(): string {
    if (!this.kamailio) throw new Error('kamailio is not running');
    return this.kamailio.url;
  }

  /** Stops the web shell and opens its store, to read what the app logged. */
  async readStore<T>(read: (store: StoreClient) => Promise<T>): Promise<T> {
    await this.shell?.stop();
    this.shell = null;
    const store = await openShellStore(this.dataDir);
    try {
      return await read(store);
    } finally {
      await store.close();
    }
  }

  async close(): Promise<void> {
    const kamailio = this.kamailio;
    await stopEach([() => this.caller?.stop(), () => this.shell?.stop(), () => kamailio?.stop(), () => kamailio?.dispose()]);
    this.shell = null;
    for (const dir of [this.dataDir, this.policyDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs every step even when one fails, then throws the first failure. */
export async function stopEach(steps: readonly (() => unknown)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

export const phone = (page: Page) => page.getByRole('region', { name: 'Phone' });
export const customerPane = (page: Page) => page.getByRole('region', { name: 'Customer' });
export const agentStatus = (page: Page) => page.getByRole('region', { name: 'Agent state' }).getByRole('status', { name: 'Agent status' });
export const wrapUp = (page: Page) => page.getByRole('region', { name: 'Wrap-up' });
export const syncStrip = (page: Page) => page.getByRole('region', { name: 'Sync' });

/** The browser dialogs (alert, confirm…) the page raised, dismissed: the app should raise none. */
export function collectDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (dialog) => {
    seen.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return seen;
}

/** Opens the app in `page` and waits for its bridge to main. */
export async function openApp(page: Page, desk: CrmDesk): Promise<void> {
  await page.goto(await desk.running.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
}

/** Sync is online and has finished a download, with nothing wrong. */
export async function expectSyncedOnline(page: Page): Promise<void> {
  const strip = syncStrip(page);
  await expect(strip.getByRole('status')).toHaveText('Online', { timeout: 60_000 });
  await expect(strip).toContainText('Last sync just now', { timeout: 60_000 });
  await expect(strip.getByRole('alert')).toHaveCount(0);
}

/** The caller calls the agent; resolves when the phone shows the incoming call. */
export async function ring(page: Page, desk: CrmDesk): Promise<{ far: FarEndCall; ringing: Locator }> {
  if (!desk.caller) throw new Error('the caller is not registered');
  const far = await desk.caller.call(AGENT);
  const ringing = phone(page).getByRole('group', { name: 'Incoming call' });
  await expect(ringing).toBeVisible({ timeout: 20_000 });
  return { far, ringing };
}

/**
 * Answers, and hangs up once the call timer shows `talkSeconds` (0: at once). The call's talk
 * time is counted in main in whole seconds, so a timer at 0:02 is a logged talk time above 0.
 */
export async function answerAndHangUp(page: Page, far: FarEndCall, options: { talkSeconds?: number } = {}): Promise<void> {
  await phone(page).getByRole('button', { name: 'Answer', exact: true }).click();
  await far.established;
  await expect(agentStatus(page)).toHaveText('On call');
  const talkSeconds = options.talkSeconds ?? 0;
  if (talkSeconds > 0) {
    const timer = phone(page).getByRole('timer', { name: 'Call time' });
    await expect
      .poll(async () => secondsOf(await timer.textContent()), { message: `the call timer reaches ${talkSeconds} s`, timeout: 30_000 })
      .toBeGreaterThanOrEqual(talkSeconds);
  }
  await phone(page).getByRole('button', { name: 'Hang up', exact: true }).click();
  await far.terminated;
}

/** "m:ss" as the call timer shows it, in seconds (-1 when it shows something else). */
function secondsOf(text: string | null): number {
  const match = /^(\d+):(\d\d)$/.exec(text?.trim() ?? '');
  return match ? Number(match[1]) * 60 + Number(match[2]) : -1;
}

/**
 * The wrap-up by keyboard, from the code picker having the focus: type `search`, 1 picks the
 * first match (`label`), Tab to the notes, type them, Ctrl+Enter submits; the agent is Ready again.
 */
export async function wrapUpByKeyboard(page: Page, code: { search: string; label: string }, notes: string): Promise<void> {
  const panel = wrapUp(page);
  await expect(panel.getByRole('combobox', { name: 'Wrap-up code' })).toBeFocused();
  await page.keyboard.type(code.search);
  await expect(panel.getByRole('option').first()).toContainText(code.label);
  await page.keyboard.press('1');
  await expect(panel).toContainText(`Chosen: ${code.label}`);
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('textbox', { name: 'Notes' })).toBeFocused();
  await page.keyboard.type(notes);
  await page.keyboard.press('Control+Enter');
  await expect(wrapUp(page)).toHaveCount(0);
  await expect(agentStatus(page)).toHaveText('Ready');
}

/** Everything is sent: the strip says so, and nothing is refused or in conflict. */
export async function expectAllSent(page: Page): Promise<void> {
  const strip = syncStrip(page);
  await expect(strip.getByLabel('0 items waiting to be sent')).toBeVisible({ timeout: 30_000 });
  await expect(strip.getByRole('button', { name: /refused by the server|to resolve/ })).toHaveCount(0);
}

/**
 * For a connector that loads the open records first: "Sync now" (when sync is idle) until both
 * feeds' history has reached the present, so the local copy holds the closed records too.
 */
export async function syncUntilHistoryComplete(page: Page, desk: CrmDesk): Promise<void> {
  const syncNow = syncStrip(page).getByRole('button', { name: 'Sync now' });
  const observer = await StatusObserver.open(desk.running);
  try {
    await expect
      .poll(
        async () => {
          const { stages, activity } = await observer.status();
          const done = { customers: stages?.customers?.stage ?? null, cases: stages?.cases?.stage ?? null };
          if (activity === 'idle' && (done.customers !== 'complete' || done.cases !== 'complete')) await syncNow.click();
          return done;
        },
        { message: 'the history of contacts and cases is loaded', timeout: 120_000 },
      )
      .toEqual({ customers: 'complete', cases: 'complete' });
  } finally {
    observer.close();
  }
}

/**
 * "Sync now", twice, each time until main is idle with a pull finished after the click and
 * nothing left to send; `writes()` (what the CRM holds that the app could have written twice)
 * is the same after each round as before the first.
 */
export async function expectSyncAgainWritesNothing(page: Page, desk: CrmDesk, writes: () => unknown): Promise<void> {
  const strip = syncStrip(page);
  const written = writes();
  const observer = await StatusObserver.open(desk.running);
  try {
    for (let round = 1; round <= 2; round += 1) {
      const clickedAt = Date.now();
      await strip.getByRole('button', { name: 'Sync now' }).click();
      await expect
        .poll(
          async () => {
            const s = await observer.status();
            return {
              connection: s.connection,
              activity: s.activity,
              pulledSinceClick: (s.lastSyncAt ?? 0) >= clickedAt,
              waiting: s.outbox.waiting,
              parked: s.outbox.parked,
              conflicts: s.outbox.conflicts,
              problem: s.problem,
            };
          },
          { message: `sync round ${round} ends with nothing left to send`, timeout: 60_000 },
        )
        .toEqual({ connection: 'online', activity: 'idle', pulledSinceClick: true, waiting: 0, parked: 0, conflicts: 0, problem: null });
      expect(writes(), `nothing written again after sync round ${round}`).toEqual(written);
    }
  } finally {
    observer.close();
  }
}
