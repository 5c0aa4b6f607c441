import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AgentDesk } from '../../../electron/agent/agent-desk';
import { defaultWorkflowConfig } from '../../../electron/agent/workflow-defaults';
import { silentLogger } from '../../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import { storeSyncPort } from '../../../electron/sync/store-ports';
import { SyncService } from '../../../electron/sync/sync-service';
import type { TelephonyEvents } from '../../../electron/telephony/telephony-events';
import type { AgentDeskView } from '../../../shared/agent/contract';
import type { CaseStatus } from '../../../shared/store/types';
import { eventSchemas } from '../../../shared/bridge/events';
import { check } from '../../../shared/bridge/validate';
import { TypedEmitter } from '../../../shared/events/typed-emitter';
import { startZendeskEmulator, type ZendeskEmulator } from '../../../tools/crm-emulators/zendesk/server';
import { manualScheduler } from '../../support/manual-scheduler';
import { openSettings } from '../../support/settings';
import { FAST_TIMING, openStore } from '../sync/harness';

/**
 * "Open in Zendesk" on the screen pop: the agent desk asks sync (the real SyncService over the real
 * store and settings) for the CRM page of every customer and open case the pop shows. Only records
 * Zendesk numbered get one; the CRM's address and the connector come from Sync settings, and a
 * change there reaches the window without another call.
 */

const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const ZENDESK_USER = 'zd-user-424242';
const OPEN_TICKET = 'zd-ticket-5151';
const SOLVED_TICKET = 'zd-ticket-5152';
const LOCAL_CUSTOMER = '6f1c2b1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b';
const LOCAL_CASE = '7a2d3c4b-9d8e-4f70-8b1c-2d3e4f5a6b7c';

const ADMIN_EMAIL = 'admin@example.com';
const ADMIN_API_TOKEN = 'zendesk-pages-test-token';
const NO_LIMITS = { perMinute: null, incrementalPerMinute: null, incrementalUsersCursorPerMinute: null, searchExportPerMinute: null };
const WAIT = { timeout: 30_000, interval: 50 };

let zd: ZendeskEmulator;
const closers: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  zd = await startZendeskEmulator({ apiTokens: [{ email: ADMIN_EMAIL, token: ADMIN_API_TOKEN }], limits: NO_LIMITS });
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});
afterAll(async () => {
  await zd.close();
});

async function deskOverSync() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sb-crm-pages-'));
  closers.push(() => rmSync(dir, { recursive: true, force: true }));
  const secrets = createKeyFileSecretStore(dir);
  const store = await openStore(dir, secrets);
  closers.push(() => store.close());
  // No policy: the agent picks the CRM in Sync settings.
  const sync = new SyncService({
    store: storeSyncPort(store),
    secrets,
    log: silentLogger,
    settings: openSettings(dir),
    emit: () => undefined,
    timing: FAST_TIMING,
  });
  closers.push(() => sync.close());
  await sync.start();
  const app = { dir, store, sync };
  const views: AgentDeskView[] = [];
  const events = new TypedEmitter<TelephonyEvents>((_event, error) => {
    throw error;
  });
  const clock = manualScheduler(T0);
  const desk = await AgentDesk.open({
    store: app.store,
    telephony: { events, reject: async () => undefined },
    config: () => defaultWorkflowConfig(),
    agentId: () => 'agent-7',
    scheduler: clock.scheduler,
    log: silentLogger,
    dataDir: app.dir,
    emit: (channel, payload) => {
      if (channel === 'agent.view') views.push(payload as AgentDeskView);
    },
    crmPages: app.sync,
  });
  closers.push(() => desk.close());
  const now = Date.now();
  const phones = ['+14155550199'];
  await app.store.upsertCustomers([
    { id: ZENDESK_USER, name: 'Margaret Hamilton', phones, updatedAt: now, version: 1 },
    { id: LOCAL_CUSTOMER, name: 'Made on this desktop', phones, updatedAt: now, version: 1 },
  ]);
  const ticket = (id: string, customerId: string, status: CaseStatus) => ({
    id,
    customerId,
    subject: `Case ${id}`,
    status,
    priority: 'P2' as const,
    updatedAt: now,
    version: 1,
  });
  await app.store.upsertCases([
    ticket(OPEN_TICKET, ZENDESK_USER, 'open'),
    ticket(SOLVED_TICKET, ZENDESK_USER, 'solved'),
    ticket(LOCAL_CASE, LOCAL_CUSTOMER, 'open'),
  ]);
  const ring = () => events.emit('callOffered', { callId: 'call-1', number: '4155550199', displayName: null, at: T0, waiting: false });
  return { app, desk, views, ring };
}

const isAgentView = (view: AgentDeskView) => check(eventSchemas['agent.view'], view).ok;

describe('"Open in Zendesk" on the screen pop', () => {
  it('gives each Zendesk customer and open ticket on the pop its agent page, and nothing to records Zendesk has not numbered', async () => {
    const { app, views, ring } = await deskOverSync();
    const status = await app.sync.configure(zd.url, ADMIN_API_TOKEN, { connector: 'zendesk', zendeskEmail: ADMIN_EMAIL });
    expect(status.connector).toBe('zendesk');

    ring();
    await vi.waitFor(() => expect(views.at(-1)?.contact?.lookup?.matches).toHaveLength(2), WAIT);
    const view = views.at(-1)!;
    expect(view.crmPages).toEqual({
      crm: 'Zendesk',
      byId: { [ZENDESK_USER]: `${zd.url}/agent/users/424242`, [OPEN_TICKET]: `${zd.url}/agent/tickets/5151` },
    });
    // The view with its pages is one the bridge sends and the renderer accepts.
    expect(isAgentView(view)).toBe(true);
  });

  it('has no pages while the CRM has none, and the window gets them as soon as the agent chooses Zendesk', async () => {
    const { app, views, ring } = await deskOverSync();
    ring();
    await vi.waitFor(() => expect(views.at(-1)?.contact?.lookup?.matches).toHaveLength(2), WAIT);
    // No CRM yet: the Switchboard Sync API is the connector, and it has no pages to open.
    expect(views.at(-1)!.crmPages).toBeNull();
    const before = views.length;

    await app.sync.configure(zd.url, ADMIN_API_TOKEN, { connector: 'zendesk', zendeskEmail: ADMIN_EMAIL });
    await vi.waitFor(() => expect(views.slice(before).some((v) => v.crmPages !== null)).toBe(true), WAIT);
    expect(views.at(-1)!.crmPages?.byId[OPEN_TICKET]).toBe(`${zd.url}/agent/tickets/5151`);

    // Another Zendesk address: the pages follow it.
    const moved = 'http://127.0.0.1:9';
    await app.sync.configure(moved, ADMIN_API_TOKEN);
    await vi.waitFor(() => expect(views.at(-1)!.crmPages?.byId[ZENDESK_USER]).toBe(`${moved}/agent/users/424242`), WAIT);
  });
});
