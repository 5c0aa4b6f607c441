/**
 * `npm run demo`: the whole agent loop on one machine.
 *
 *   1. kamailio from the test lab on 127.0.0.1 (WebSocket 5066, UDP 5060)
 *   2. a data folder with demo customers and cases (deterministic seed)
 *   3. the web shell with a SIP account already set (user 1001 on the lab kamailio)
 *   4. a scripted caller (werift, pure-TypeScript WebRTC) that rings every so often from a seeded
 *      customer's number, so the screen pop shows that customer; it hangs up after a while
 *
 * Options:
 *   --no-open            do not open a browser window; print the address instead
 *   --data-dir <dir>     where the demo keeps its database (default: <tmp>/switchboard-demo)
 *   --every <seconds>    pause between calls (default 45)
 *   --talk <seconds>     how long the caller stays on an answered call (default 40)
 *   --customers <n>      how many demo customers to seed into an empty store (default 2000)
 *   --port <n>           web shell port (default: any free port)
 *   --sso                single sign-on: a local OpenID Provider and the reference Sync API server, sign-in required
 *                        (scripts/demo/sso.ts); the SIP account comes from the Sync API after sign-in
 *
 * Needs Debian's kamailio (+ kamailio-websocket-modules) and, to open a window, Chromium/Chrome/Edge.
 * Ctrl+C stops everything. The ports are fixed by the lab, so only one demo (or lab suite) runs at a time.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createAppCore, type AppCore } from '../electron/core/app-core';
import { createRecordingPlatform } from '../electron/core/platform-services';
import { createLogger, type LogSink } from '../electron/logging/logger';
import { createKeyFileSecretStore } from '../electron/secrets/secret-store';
import { primaryPhone, SeedGenerator } from '../electron/store/seed/generator';
import { findBrowser } from '../electron/web-shell/find-browser';
import { startWebShellHost, type WebShellHost } from '../electron/web-shell/host';
import { SIP_PASSWORD_SECRET, telephonySettingsSchema } from '../shared/telephony/settings';
import { englishOf } from '../shared/text/user-text';
import { Kamailio } from '../tests/lab/kamailio';
import { FarEnd, type FarEndCall } from '../tests/lab/far-end';
import { kamailioPath, REPO_ROOT } from '../tests/support/system-deps';
import { ensureBuild } from './lib/ensure-build';
import { startDemoSso } from './demo/sso';

const AGENT = '1001';
const SEED = 20_260_301;

const { values: args } = parseArgs({
  options: {
    'no-open': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    every: { type: 'string', default: '45' },
    talk: { type: 'string', default: '40' },
    customers: { type: 'string', default: '2000' },
    port: { type: 'string' },
    sso: { type: 'boolean', default: false },
  },
});

// A closed terminal or pipe must not take the demo down with EPIPE.
process.stdout.on('error', () => undefined);

const say = (line: string): void => {
  const t = new Date().toTimeString().slice(0, 8);
  process.stdout.write(`[demo ${t}] ${line}\n`);
};

function positive(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    process.stderr.write(`demo: --${name} must be a positive number\n`);
    process.exit(2);
  }
  return n;
}

const everyMs = positive('every', args.every) * 1000;
const talkMs = positive('talk', args.talk) * 1000;
const customerCount = Math.floor(positive('customers', args.customers));

/** Warnings and errors of the app's own log go to stderr; the rest stays quiet. */
const sink: LogSink = (record) => {
  if (record.level === 'warn' || record.level === 'error') process.stderr.write(`${JSON.stringify(record)}\n`);
};

async function seed(core: AppCore, generator: SeedGenerator): Promise<void> {
  const counts = await core.store.counts();
  if (counts.customers > 0) {
    say(`store already holds ${counts.customers} customers and ${counts.cases} cases; not seeding again`);
    return;
  }
  const started = Date.now();
  const cases = customerCount * 2;
  const batch = 500;
  for (let i = 0; i < customerCount; i += batch) {
    const rows = Array.from({ length: Math.min(batch, customerCount - i) }, (_, k) => generator.customer(i + k));
    await core.store.upsertCustomers(rows);
  }
  for (let i = 0; i < cases; i += batch) {
    const rows = Array.from({ length: Math.min(batch, cases - i) }, (_, k) => generator.case(i + k));
    await core.store.upsertCases(rows);
  }
  say(`seeded ${customerCount} customers and ${cases} cases in ${Date.now() - started} ms`);
}

/** Opens the app in its own window; false (having said why) when the user has to open the link. */
function openWindow(url: string, dataDir: string): boolean {
  if (args['no-open']) return false;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    say('no graphical display: open the link below in Chromium, Chrome or Edge');
    return false;
  }
  const browser = findBrowser();
  if (!browser) {
    say('no Chromium, Chrome or Edge found (set SWITCHBOARD_BROWSER): open the link below yourself');
    return false;
  }
  const browserArgs = [
    `--app=${url}`,
    `--user-data-dir=${path.join(dataDir, 'demo-browser')}`,
    '--no-first-run',
    '--no-default-browser-check',
  ];
  if (typeof process.getuid === 'function' && process.getuid() === 0) browserArgs.push('--no-sandbox');
  spawn(browser, browserArgs, { stdio: 'ignore', detached: true }).unref();
  say(`opened ${path.basename(browser)}`);
  return true;
}

/** sip.js throws (synchronously) when a stopped registerer is asked to unregister again. */
async function stopFarEnd(farEnd: FarEnd): Promise<void> {
  try {
    await farEnd.stop();
  } catch {
    // already stopped
  }
}

async function main(): Promise<void> {
  ensureBuild('demo');
  const lab = kamailioPath();
  if (!lab) throw new Error('kamailio is not installed (apt-get install kamailio kamailio-websocket-modules kamailio-extra-modules)');
  const dataDir = path.resolve(args['data-dir'] ?? path.join(os.tmpdir(), 'switchboard-demo'));
  mkdirSync(dataDir, { recursive: true });

  const kamailio = new Kamailio({ binary: lab.binary, modulesDir: lab.modulesDir });
  await kamailio.start();
  say(`kamailio listening on ${kamailio.url}`);

  const secrets = createKeyFileSecretStore(dataDir);
  // With --sso the password comes with Ada's sign-in (GET /v1/me/sip-account), not from here.
  const sso = args.sso
    ? await startDemoSso({ dataDir, sip: { server: kamailio.url, domain: '127.0.0.1', user: AGENT, password: `secret-${AGENT}` } })
    : null;
  if (sso) {
    await secrets.delete(SIP_PASSWORD_SECRET);
    say(`local OpenID Provider at ${sso.op.issuer} (sign in as Ada Lovelace); Sync API at ${sso.server.url}`);
  } else {
    await secrets.set(SIP_PASSWORD_SECRET, `secret-${AGENT}`);
  }
  const core = await createAppCore({
    version: 'demo',
    dataDir,
    platform: createRecordingPlatform('web'),
    secrets,
    log: createLogger(sink, { level: 'info', scope: 'demo' }),
    ...(sso ? { policy: sso.policy } : {}),
    telephonySettings: telephonySettingsSchema.parse({
      servers: { primary: kamailio.url, backup: null },
      domain: '127.0.0.1',
      username: AGENT,
      displayName: 'Demo agent',
      iceServers: [],
      defaultRegion: 'US',
    }),
  });
  const generator = new SeedGenerator({ seed: SEED, customers: customerCount, cases: customerCount * 2, now: Date.now() });
  await seed(core, generator);

  core.telephony.events.on('registration', (r) => say(`agent ${AGENT}: ${r.status}`));
  core.telephony.events.on('callOffered', () => say("the agent's phone is ringing"));
  core.telephony.events.on('callAnswered', (call) => say(`call ${call.id} answered`));
  core.escalations.subscribe(({ record, alert }) => {
    if (alert) say(`escalation alert: ${englishOf(alert.message)}`);
    else if (record) {
      const state =
        record.resolvedAt !== null
          ? 'resolved'
          : record.acknowledgedAt !== null
            ? 'acknowledged'
            : record.revision === 0
              ? 'raised'
              : 'updated';
      say(
        `escalation ${record.priority} ${state}: acknowledge by ${new Date(record.acknowledgeBy).toTimeString().slice(0, 5)}, resolve by ${new Date(record.resolveBy).toLocaleString()}`,
      );
    }
  });
  core.telephony.events.on('callEnded', (ended) =>
    say(`call ${ended.callId} ended (${ended.answeredAt === null ? 'not answered' : 'answered'})`),
  );

  const host: WebShellHost = await startWebShellHost({
    bridge: core.bridge,
    rendererDir: path.join(REPO_ROOT, 'dist/renderer'),
    log: createLogger(sink, { scope: 'web-shell' }),
    ...(args.port ? { port: Number(args.port) } : {}),
  });
  // Launch links carry a one-time code (electron/web-shell/launch-auth.ts): each works once, within a minute.
  if (!openWindow(host.issueLaunchUrl(), dataDir)) {
    say(
      `Switchboard is running. Open this link in Chromium, Chrome or Edge (it works once, within a minute; press Enter here for a new one):\n  ${host.issueLaunchUrl()}`,
    );
    createInterface({ input: process.stdin, terminal: false }).on('line', () => say(`new link:\n  ${host.issueLaunchUrl()}`));
  }

  let stopping = false;
  let current: { farEnd: FarEnd; call: FarEndCall } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let callerDone: (() => void) | null = null;

  const ring = async (): Promise<void> => {
    if (stopping || current !== null) return;
    const index = Math.floor(Math.random() * customerCount);
    const customer = generator.customer(index);
    const number = primaryPhone(index);
    const farEnd = new FarEnd({ user: number, server: kamailio.url, displayName: customer.name, autoAnswerMs: null });
    try {
      await farEnd.start();
      const call = await farEnd.call(AGENT);
      current = { farEnd, call };
      say(`calling the agent as ${customer.name} (${number}, ${customer.id})`);
      const answered = await Promise.race([
        call.established.then(() => true),
        call.terminated.then(() => false),
        new Promise<false>((r) => setTimeout(() => r(false), 40_000)),
      ]);
      if (answered) {
        say(`${customer.name} is talking (a 440 Hz tone) and hangs up in ${Math.round(talkMs / 1000)} s unless the agent does`);
        await Promise.race([call.terminated, new Promise((r) => setTimeout(r, talkMs))]);
      } else {
        say(`${customer.name} gave up: nobody answered`);
      }
      await call.hangup().catch(() => undefined);
    } catch (error) {
      if (!stopping) say(`the scripted caller failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await stopFarEnd(farEnd);
      current = null;
      if (stopping) callerDone?.();
      if (!stopping) {
        say(`next call in ${Math.round(everyMs / 1000)} s`);
        timer = setTimeout(() => void ring(), everyMs);
      }
    }
  };
  timer = setTimeout(() => void ring(), 8_000);
  say('first call in 8 s (set yourself Ready when the agent controls are there)');

  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say('stopping');
    if (timer) clearTimeout(timer);
    const active = current;
    if (active) {
      // The caller's loop stops its own user agent once the call is over.
      const done = new Promise<void>((resolve) => (callerDone = resolve));
      await active.call.hangup().catch(() => undefined);
      await Promise.race([done, new Promise((r) => setTimeout(r, 3_000))]);
    }
    await host.close();
    await core.close();
    await sso?.close();
    await kamailio.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
