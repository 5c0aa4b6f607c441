import Database from 'better-sqlite3-multiple-ciphers';
import { englishOf, type UserText } from '../../../shared/text/user-text';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CIPHER_DESCRIPTIONS, type StoreCipher } from '../../../electron/store/ciphers';
import { STORE_KEY_SECRETS } from '../../../electron/store/store-key';
import { upgradeCopyPath } from '../../../electron/store/worker/cipher-upgrade';
import { applyKey, rekeyTo } from '../../../electron/store/worker/connection';
import type { SecretStore } from '../../../electron/secrets/secret-store';
import { interaction, openStore, tempDataDir, withRawDb } from './support';
import { startAppCore } from '../../../electron/core/app-core';
import { createRecordingPlatform } from '../../../electron/core/platform-services';
import type { RendererLink } from '../../../electron/bridge/bridge-server';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import type { EventEnvelope } from '../../../shared/bridge/envelopes';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/**
 * A store as the release before AEGIS left it: the same schema and rows,
 * every page in SQLCipher 4's format. Made by rekeying a current store, which
 * writes exactly that format (the one the store used to open with).
 */
async function legacyStore(): Promise<{ dataDir: string; file: string; secrets: SecretStore }> {
  const tmp = tempDataDir('legacy-cipher');
  cleanups.push(tmp.cleanup);
  const { store, secrets } = await openStore(tmp.dir);
  await store.upsertCustomers([
    { id: 'C-1', name: 'Philippa Legacy-Cipher', phones: ['+14155550123'], updatedAt: 1, version: 1 },
    { id: 'C-2', name: 'Oswald Upgrade', phones: ['+14155550124'], updatedAt: 1, version: 1 },
  ]);
  await store.upsertCases(
    Array.from({ length: 1200 }, (_, i) => ({
      id: `K-${i}`,
      customerId: i % 2 ? 'C-1' : 'C-2',
      subject: `Router reboots nightly ${i}`,
      description: 'The customer replaced the power supply already. '.repeat(4),
      status: 'open' as const,
      priority: 'P3' as const,
      updatedAt: i,
      version: 1,
    })),
  );
  // Work the agent did that has not reached the CRM yet: it must survive the upgrade.
  await store.logInteraction(interaction({ id: 'I-unsent', customerId: 'C-1', caseId: 'K-1' }));
  await store.saveWrapUp({
    interactionId: 'I-unsent',
    agentId: 'agent-1',
    state: 'draft',
    code: 'billing',
    notes: 'typed before the upgrade',
    resolvedOnFirstContact: false,
    callback: null,
    doNotCall: null,
    revision: 2,
    updatedAt: 1,
    submittedAt: null,
  });
  const file = store.file;
  await store.close();
  const key = (await secrets.get(STORE_KEY_SECRETS['web-shell']))!;
  const db = new Database(file);
  applyKey(db, 'aegis-256', key);
  db.pragma('journal_mode=DELETE');
  rekeyTo(db, 'sqlcipher-4', key);
  db.pragma('journal_mode=WAL');
  db.close();
  expect(opensWith(file, key)).toBe('sqlcipher-4');
  return { dataDir: tmp.dir, file, secrets };
}

function opensWith(file: string, key: string): StoreCipher | null {
  for (const cipher of ['aegis-256', 'sqlcipher-4'] as const) {
    const db = new Database(file, { readonly: true });
    try {
      applyKey(db, cipher, key);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return cipher;
    } catch {
      // Not this cipher.
    } finally {
      db.close();
    }
  }
  return null;
}

describe('a store file in the older SQLCipher 4 format', () => {
  it('is re-encrypted with AEGIS-256 at the next start, with every row and the unsent work kept', async () => {
    const { dataDir, file, secrets } = await legacyStore();
    const { store, logs } = await openStore(dataDir);
    try {
      const status = await store.status();
      expect(status.encryption.cipher).toBe(CIPHER_DESCRIPTIONS['aegis-256']);
      expect(await store.counts()).toMatchObject({ customers: 2, cases: 1200 });
      expect((await store.lookupCaller('+14155550123')).matches[0]?.customer.name).toBe('Philippa Legacy-Cipher');
      expect((await store.search('router reboots')).cases.length).toBeGreaterThan(0);
      expect(await store.getInteraction('I-unsent')).toMatchObject({
        caseId: 'K-1',
        wrapUp: { notes: 'typed before the upgrade', revision: 2 },
      });
      expect(await store.outbox.due()).toContainEqual(expect.objectContaining({ entityKind: 'interaction', entityId: 'I-unsent' }));
      expect(logs).toContainEqual(
        expect.objectContaining({
          level: 'info',
          message: 'local database re-encrypted with the current cipher',
          fields: expect.objectContaining({ from: 'sqlcipher-4' }),
        }),
      );
      expect(JSON.stringify(logs)).not.toContain((await secrets.get(STORE_KEY_SECRETS['web-shell']))!);
      expect(readdirSync(path.dirname(file)).filter((n) => n.includes('cipher-upgrade') || n.includes('.damaged'))).toEqual([]);
      expect(await store.runIntegrityCheck()).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
    expect(opensWith(file, (await secrets.get(STORE_KEY_SECRETS['web-shell']))!)).toBe('aegis-256');
    await withRawDb(file, secrets, (db) => expect(db.pragma('quick_check', { simple: true })).toBe('ok'), { readonly: true });
  });

  /** The app starting on a legacy-cipher store, with a window connected from the first moment. */
  async function startAppOnLegacyStore(startupNoticeDelayMs: number) {
    const { dataDir } = await legacyStore();
    const starting = startAppCore({
      version: '1.0.0',
      dataDir,
      platform: createRecordingPlatform(),
      secrets: createKeyFileSecretStore(dataDir),
      log: createLogger(createMemorySink().sink),
      startupNoticeDelayMs,
    });
    const events: EventEnvelope[] = [];
    const window: RendererLink = { id: 'window', sendEvent: (e) => events.push(e), sendMedia: () => undefined };
    starting.bridge.connect(window);
    return { starting, window, events };
  }

  it('in the app: the window, connected while it runs, is told what is happening and its requests wait for it', async () => {
    // Told at once: this small file is re-encrypted faster than the app's one-second wait before it says so.
    const { starting, window, events } = await startAppOnLegacyStore(0);
    expect(await starting.bridge.handleCommand(window, 'app.getInfo', {})).toMatchObject({ ok: true, result: { version: '1.0.0' } });
    let answered = false;
    const status = starting.bridge.handleCommand(window, 'store.status', {}).finally(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);

    const core = await starting.ready;
    await core.close();
    expect(await status).toMatchObject({ ok: true, result: { state: 'ready', encryption: { cipher: CIPHER_DESCRIPTIONS['aegis-256'] } } });
    const notices = events
      .filter((e) => e.channel === 'app.notice')
      .map((e) => e.payload as { id: string; level: string; message: UserText })
      .map((n) => ({ ...n, message: englishOf(n.message) }));
    expect(notices[0]).toEqual({
      id: 'store-startup',
      level: 'info',
      message: expect.stringMatching(
        /^Switchboard is re-encrypting the local customer database in a faster format \(once, after this update; about \d+ seconds\)\. Calls, screen pops and the customer list start when it is done\.$/,
      ),
    });
    expect(notices.at(-1)).toEqual({
      id: 'store-startup',
      level: 'info',
      message: expect.stringMatching(/^The local customer database was updated in \d+ s; Switchboard is ready\.$/),
    });
  });

  it('in the app: work that ends before the notice would show is not announced at all', async () => {
    const { starting, events } = await startAppOnLegacyStore(600_000);
    const core = await starting.ready;
    try {
      expect((await core.store.status()).encryption.cipher).toBe(CIPHER_DESCRIPTIONS['aegis-256']);
      expect(events.filter((e) => e.channel === 'app.notice')).toEqual([]);
      expect(core.bridge.retainedNotices()).toEqual([]);
    } finally {
      await core.close();
    }
  });

  it('a copy left by a start that died while re-encrypting is thrown away and the upgrade done again', async () => {
    const { dataDir, file, secrets } = await legacyStore();
    writeFileSync(upgradeCopyPath(file), 'half of a re-encrypted copy');
    const { store } = await openStore(dataDir);
    try {
      expect((await store.status()).encryption.cipher).toBe(CIPHER_DESCRIPTIONS['aegis-256']);
      expect(await store.counts()).toMatchObject({ customers: 2, cases: 1200 });
    } finally {
      await store.close();
    }
    expect(existsSync(upgradeCopyPath(file))).toBe(false);
    expect(opensWith(file, (await secrets.get(STORE_KEY_SECRETS['web-shell']))!)).toBe('aegis-256');
  });

  it('when the copy cannot be made, it keeps working in its old format, says so to IT, and upgrades at a later start', async () => {
    const { dataDir, file, secrets } = await legacyStore();
    // Something the store cannot remove or write over where its copy goes (as a full disk or a locked file would).
    mkdirSync(path.join(upgradeCopyPath(file), 'blocker'), { recursive: true });
    const first = await openStore(dataDir);
    try {
      expect((await first.store.status()).encryption.cipher).toBe(CIPHER_DESCRIPTIONS['sqlcipher-4']);
      expect(first.logs).toContainEqual(
        expect.objectContaining({ level: 'warn', message: 'local database left in its older cipher; re-encryption failed' }),
      );
      expect(await first.store.getInteraction('I-unsent')).toMatchObject({ wrapUp: { notes: 'typed before the upgrade' } });
      await first.store.logInteraction(interaction({ id: 'I-while-old' }));
    } finally {
      await first.store.close();
    }
    expect(opensWith(file, (await secrets.get(STORE_KEY_SECRETS['web-shell']))!)).toBe('sqlcipher-4');

    rmSync(upgradeCopyPath(file), { recursive: true });
    const second = await openStore(dataDir);
    try {
      expect((await second.store.status()).encryption.cipher).toBe(CIPHER_DESCRIPTIONS['aegis-256']);
      expect(await second.store.getInteraction('I-while-old')).not.toBeNull();
      expect(await second.store.getInteraction('I-unsent')).not.toBeNull();
    } finally {
      await second.store.close();
    }
  });
});
