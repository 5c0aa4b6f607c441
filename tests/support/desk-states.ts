import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { createKeyFileSecretStore } from '../../electron/secrets/secret-store';
import type { PulledCase, PulledCustomer } from '../../shared/store/types';
import { SIP_PASSWORD_SECRET } from '../../shared/telephony/settings';
import en from '../../renderer/src/i18n/en';
import de from '../../renderer/src/i18n/de';
import { FarEnd, type FarEndCall } from '../lab/far-end';
import { Kamailio } from '../lab/kamailio';
import { openSettings } from './settings';
import { openShellStore } from './shell-store';
import { startWebShell, type RunningWebShell } from './web-shell';

/**
 * The agent desk in each of the states the visual and accessibility suites look at
 * (tests/e2e/visual.spec.ts) and the README's screenshots show (scripts/screenshots.ts): the built
 * web shell in Debian's Chromium, a real kamailio with digest auth, and a werift caller whose number
 * belongs to a seeded customer, so a call pops Ada Lovelace with her open case.
 *
 * Every state is reached the way an agent reaches it (clicks on controls found by role and name)
 * and is waited for by what the agent sees, never by a sleep.
 */

/** The laptop the issue designs for. */
export const VIEWPORT = { width: 1366, height: 768 } as const;

export const DESK_STATES = ['idle', 'ringing', 'in-call', 'on-hold', 'wrap-up', 'escalation-dialog'] as const;
export type DeskState = (typeof DESK_STATES)[number];

export type DeskLanguage = 'en' | 'de';

const AGENT = '1001';
const CALLER = '4155550123';
export const CUSTOMER_NAME = 'Ada Lovelace';

// ---------------------------------------------------------------- names in either language

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix: string, out: Map<string, string>): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(at, value);
    else leaves(value, at, out);
  }
  return out;
}

const EN = leaves(en, '', new Map());
const DE = leaves(de, '', new Map());
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A control's accessible name (or a status's text) as the window shows it in `language`: the
 * English wording, and in German every translation the catalogs give that English message (found
 * by value, so a renamed key does not break the suites). A message not translated yet falls back
 * to English in the window, so English always matches as well.
 */
export function named(english: string, language: DeskLanguage): RegExp {
  const words = new Set([english]);
  if (language === 'de') {
    for (const [key, value] of EN) {
      const german = DE.get(key);
      if (value === english && german) words.add(german);
    }
  }
  return new RegExp(`^(?:${[...words].map(escape).join('|')})$`);
}

// ---------------------------------------------------------------- the lab

export interface DeskOptions {
  /** kamailio's binary and modules folder (requireKamailio() in tests/support/system-deps.ts). */
  kamailio: { binary: string; modulesDir: string };
}

/** A running desk: kamailio, the seeded web shell and the customer who calls it. */
export class Desk {
  private far: FarEndCall | null = null;

  private constructor(
    readonly kamailio: Kamailio,
    readonly shell: RunningWebShell,
    readonly caller: FarEnd,
    private readonly dataDir: string,
  ) {}

  /** Seeds a fresh data folder (the customer and her cases, the agent's SIP account) and starts everything. */
  static async start(options: DeskOptions): Promise<Desk> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-desk-states-'));
    const kamailio = new Kamailio({ binary: options.kamailio.binary, modulesDir: options.kamailio.modulesDir, auth: true });
    let shell: RunningWebShell | null = null;
    let caller: FarEnd | null = null;
    try {
      await seed(dataDir, kamailio.url);
      await kamailio.start();
      shell = await startWebShell({ dataDir });
      caller = new FarEnd({ user: CALLER, server: kamailio.url, displayName: CUSTOMER_NAME });
      await caller.start();
      return new Desk(kamailio, shell, caller, dataDir);
    } catch (error) {
      await caller?.stop();
      await shell?.stop();
      await kamailio.stop();
      kamailio.dispose();
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Opens the desk in `page` (a fresh launch link signs its context in) and waits until it is
   * idle: the phone registered, the agent Ready. The context's locale picks the language; `language`
   * tells the waits which words to look for.
   */
  async open(page: Page, language: DeskLanguage = 'en'): Promise<void> {
    await page.setViewportSize(VIEWPORT);
    await page.goto(await this.shell.launchUrl());
    const tag = await page.evaluate(() => document.documentElement.lang);
    expect(tag, 'the window picked its language from navigator.languages').toBe(language);
    await expect(phone(page, language).getByRole('status').first()).toHaveText(named('Registered', language), { timeout: 20_000 });
    await expect(agentStatus(page, language)).toHaveText(named('Ready', language));
  }

  /** Drives an opened, idle desk (`open`) into `state`. */
  async driveTo(page: Page, state: DeskState, language: DeskLanguage = 'en'): Promise<void> {
    if (state === 'idle') return;
    if (state === 'escalation-dialog') {
      await page
        .getByRole('region', { name: named('Escalations', language) })
        .getByRole('button', { name: named('Escalate', language) })
        .click();
      const dialog = page.getByRole('dialog', { name: named('Escalate', language) });
      await expect(dialog).toBeVisible();
      // The dialog has the keyboard (itself or its first field) once it has opened.
      await expect
        .poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]'))), { message: 'focus is in the dialog' })
        .toBe(true);
      return;
    }

    this.far = await this.caller.call(AGENT);
    await expect(phone(page, language).getByRole('group', { name: named('Incoming call', language) })).toBeVisible();
    await expect(customerPane(page, language).getByRole('heading', { name: CUSTOMER_NAME })).toBeVisible();
    await expect(agentStatus(page, language)).toHaveText(named('Ringing', language));
    if (state === 'ringing') return;

    await phoneButton(page, 'Answer', language).click();
    await this.far.established;
    await expect(agentStatus(page, language)).toHaveText(named('On call', language));
    await expect(phoneButton(page, 'Hang up', language)).toBeVisible();
    // The first quality reading (every 2 s) changes the strip; the picture is taken after it.
    await expect(phone(page, language).locator(QUALITY_SELECTOR).first()).toBeVisible();
    if (state === 'in-call') return;

    await phoneButton(page, 'Hold', language).click();
    await expect(phoneButton(page, 'Resume', language)).toBeVisible();
    await expect.poll(() => this.far?.media?.transceiverDirections.currentDirection).toBe('recvonly');
    if (state === 'on-hold') return;

    await phoneButton(page, 'Resume', language).click();
    await expect(phoneButton(page, 'Hold', language)).toBeVisible();
    await phoneButton(page, 'Hang up', language).click();
    await this.far.terminated;
    this.far = null;
    await expect(agentStatus(page, language)).toHaveText(named('Wrap-up', language));
    const wrapUp = page.getByRole('region', { name: named('Wrap-up', language) });
    await expect(wrapUp.getByRole('combobox', { name: named('Wrap-up code', language) })).toBeFocused();
  }

  async stop(): Promise<void> {
    await this.far?.hangup().catch(() => undefined);
    await this.caller.stop();
    await this.shell.stop();
    await this.kamailio.stop();
    this.kamailio.dispose();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Records a spec adds beside Ada Lovelace and her open case (seedAdaLovelace). */
export interface SeedExtras {
  customers?: PulledCustomer[];
  cases?: PulledCase[];
}

/**
 * Seeds the web shell's store in `dataDir` (the shell not running) with the customer who calls in
 * the desk specs: Ada Lovelace (C-100, Analytical Engines Ltd, calling from +1 415 555 0123) and her
 * open case CS-1 "Router drops every evening" (P2), then what `extras` adds (other customers, her
 * other cases). Times are fixed offsets from now, so "updated 1 min ago" reads the same in every run.
 */
export async function seedAdaLovelace(dataDir: string, extras: SeedExtras = {}): Promise<void> {
  const store = await openShellStore(dataDir);
  try {
    await store.upsertCustomers([
      {
        id: 'C-100',
        name: CUSTOMER_NAME,
        company: 'Analytical Engines Ltd',
        phones: [`+1${CALLER}`],
        updatedAt: Date.now() - 60_000,
        version: 1,
      },
      ...(extras.customers ?? []),
    ]);
    await store.upsertCases([
      {
        id: 'CS-1',
        customerId: 'C-100',
        subject: 'Router drops every evening',
        status: 'open',
        priority: 'P2',
        updatedAt: Date.now() - 30_000,
        version: 1,
      },
      ...(extras.cases ?? []),
    ]);
  } finally {
    await store.close();
  }
}

async function seed(dataDir: string, server: string): Promise<void> {
  await seedAdaLovelace(dataDir, {
    cases: [
      {
        id: 'CS-2',
        customerId: 'C-100',
        subject: 'Second line not billed',
        status: 'open',
        priority: 'P3',
        updatedAt: Date.now() - 45_000,
        version: 1,
      },
    ],
  });
  // The agent's SIP account as Phone settings saves it, so the desk registers at its first start.
  openSettings(dataDir).updateAccount({
    server,
    backupServer: null,
    domain: '127.0.0.1',
    username: AGENT,
    authUsername: null,
    displayName: null,
  });
  await createKeyFileSecretStore(dataDir).set(SIP_PASSWORD_SECRET, `secret-${AGENT}`);
}

// ---------------------------------------------------------------- the page

const phone = (page: Page, language: DeskLanguage) => page.getByRole('region', { name: named('Phone', language) });
const phoneButton = (page: Page, english: string, language: DeskLanguage) =>
  phone(page, language).getByRole('button', { name: named(english, language) });
const agentStatus = (page: Page, language: DeskLanguage) =>
  page.getByRole('region', { name: named('Agent state', language) }).getByRole('status', { name: named('Agent status', language) });
const customerPane = (page: Page, language: DeskLanguage) => page.getByRole('region', { name: named('Customer', language) });

/**
 * What differs from run to run and so is masked in a screenshot: timers (time in state, the call,
 * after-call work, escalation clocks), times of day and dates, and the charts (their axes follow
 * the clock).
 */
export function timeDependent(page: Page): Locator[] {
  // The call-quality reading is hidden by volatileStyle() rather than masked.
  return [
    page.getByRole('timer'),
    page.locator('time'),
    page.locator('canvas'),
    // A time of day or a clock ("14:05", "0:07", "1:02:03") shown without a <time> element.
    // …and a duration the test call's length sets (average handle time "0:04 min").
    page.getByText(/^\s*\d{1,2}:\d{2}(:\d{2})?(\s*(min|Min\.))?\s*$/),
  ];
}

/**
 * A stylesheet for screenshots (added through the CSSOM, tests/e2e/visual.spec.ts): the call-quality reading is
 * removed from the layout. A mask cannot do it: the figures ("MOS 4.4, jitter 2 ms, …") change
 * width with every reading, and the word itself (Good / Fair) follows the machine's load. It is
 * found by its accessible name in each language the catalogs give ("Call quality: {{label}}, …").
 */
export function volatileStyle(): string {
  return `${QUALITY_SELECTOR} {\n  display: none !important;\n}\n${FIXED_WIDTH_TIMES}`;
}

/**
 * A masked time still has its text's width: "9:58 PM" and "10:28 PM" move what follows them on the
 * line, so a screenshot would depend on the hour the test ran. Each <time> gets one width, the
 * longest it takes (an instant "Dec 6, 2026, 10:28 PM"; a talk time "1:02:03").
 */
const FIXED_WIDTH_TIMES = `time {
  display: inline-block !important;
  overflow: hidden !important;
  white-space: nowrap !important;
  vertical-align: bottom !important;
  width: 12em !important;
}
time[datetime^="P"] {
  width: 4em !important;
}
`;

/** The call-quality reading, by its accessible name's start in English and in German. */
const QUALITY_SELECTOR = (() => {
  const prefixes = new Set(['Call quality:']);
  for (const [key, value] of EN) {
    const german = value.startsWith('Call quality: {{') ? DE.get(key)?.split('{{')[0]?.trim() : undefined;
    if (german) prefixes.add(german);
  }
  return [...prefixes].map((p) => `[aria-label^="${p.replace(/["\\]/g, '\\$&')}"]`).join(', ');
})();

/** The dark theme as the OS asks for it (prefers-color-scheme), checked in the page: the window's background is dark. */
export async function useDarkTheme(page: Page): Promise<void> {
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          // The background the agent sees at the window's corner: the first ancestor that paints one.
          for (let el = document.elementFromPoint(4, 4); el; el = el.parentElement) {
            const [r = 0, g = 0, b = 0, a = 1] = (getComputedStyle(el).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
            if (a > 0) return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
          }
          return null;
        }),
      { message: "the body's background luminance under prefers-color-scheme: dark" },
    )
    .toBeLessThan(0.25);
  expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
}
