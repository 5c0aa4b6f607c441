import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/logging/logger';
import type { StoreClient } from '../../../electron/store/store-client';
import { SourceError, type CaseSource, type PullKind, type PullRequest } from '../../../electron/sync/case-source';
import { PullEngine } from '../../../electron/sync/pull-engine';
import { storeSyncPort } from '../../../electron/sync/store-ports';
import { userText } from '../../../shared/text/user-text';
import { openStore, tempDataDir } from './support';

/**
 * Sync pages travel from the HTTP answer to the store's writer thread as bytes
 * and are parsed there, so main never parses or copies a page's rows. What the
 * agent (or IT reading the sync status) would notice if this broke: pulled rows
 * missing or doubled, deletions not applied, a cursor that runs ahead of its
 * rows, or a garbled answer (a captive portal's login page) stored or crashing
 * the pull instead of being reported as the server's fault.
 */
describe('sync pages parsed on the writer thread', () => {
  const tmp = tempDataDir('sync-pages');
  let store: StoreClient;
  const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
  const kase = (i: number, extra: Record<string, unknown> = {}) => ({
    id: `K-${i}`,
    customerId: 'C-1',
    subject: `Router case ${i}`,
    status: 'open' as const,
    priority: 'P3' as const,
    updatedAt: 1_000 + i,
    version: 1,
    ...extra,
  });

  beforeAll(async () => {
    ({ store } = await openStore(tmp.dir));
    await store.upsertCustomers([{ id: 'C-1', name: 'Ada Lovelace', phones: ['+14155550101'], updatedAt: 1, version: 1 }]);
  });
  afterAll(async () => {
    await store?.close();
    tmp.cleanup();
  });

  it('answers with the cursor and counts, then stores the rows, the deletions and the cursor', async () => {
    await store.upsertCases([kase(90), kase(91)]);
    const decoded = await store.decodePage(
      'cases',
      bytes({ items: [kase(1), kase(2), kase(3)], deleted: ['K-90'], nextCursor: 'c-1', hasMore: true, total: 4 }),
    );
    expect(decoded).toEqual({
      ok: true,
      pageId: expect.any(Number) as number,
      nextCursor: 'c-1',
      hasMore: true,
      total: 4,
      items: 3,
      deleted: 1,
    });
    // Nothing is stored until asked.
    expect(await store.getCase('K-1')).toBeNull();
    if (!decoded.ok) return;
    const report = await store.storePage(decoded.pageId, { cursor: { name: 'src:cases', value: 'c-1' } });
    expect(report).toMatchObject({ inserted: 3, updated: 0, rejected: [], deleted: 1 });
    expect((await store.getCase('K-2'))?.case.subject).toBe('Router case 2');
    expect(await store.getCase('K-90')).toBeNull();
    expect(await store.getCase('K-91')).not.toBeNull();
    expect(await store.getCursor('src:cases')).toBe('c-1');
    expect((await store.search('router 3')).cases.map((c) => c.id)).toEqual(['K-3']);
    // A page is stored once.
    await expect(store.storePage(decoded.pageId, {})).rejects.toMatchObject({ code: 'not-found' });
  });

  it('reports rows the store refuses by their place in the page and stores the others', async () => {
    const decoded = await store.decodePage(
      'cases',
      bytes({ items: [kase(4), kase(5, { status: 'not-a-status' }), kase(6)], deleted: [], nextCursor: 'c-2', hasMore: false }),
    );
    if (!decoded.ok) throw new Error('page refused');
    const report = await store.storePage(decoded.pageId, { cursor: { name: 'src:cases', value: 'c-2' } });
    expect(report.inserted).toBe(2);
    expect(report.rejected).toEqual([expect.objectContaining({ index: 1, id: 'K-5', issues: [expect.stringMatching(/^status/)] })]);
    expect(await store.getCursor('src:cases')).toBe('c-2');
  });

  it('moves a body that owns its whole buffer to the writer and copies one that shares its buffer', async () => {
    const owned = bytes({ items: [kase(20)], deleted: [], nextCursor: 'c-3', hasMore: false });
    expect(owned.byteOffset === 0 && owned.byteLength === owned.buffer.byteLength).toBe(true);
    expect(await store.decodePage('cases', owned)).toMatchObject({ ok: true, items: 1 });
    expect(owned.byteLength).toBe(0);

    const page = bytes({ items: [kase(21)], deleted: [], nextCursor: 'c-4', hasMore: false });
    const shared = new Uint8Array(page.byteLength + 8);
    shared.set(page, 8);
    const view = shared.subarray(8);
    expect(await store.decodePage('cases', view)).toMatchObject({ ok: true, items: 1, nextCursor: 'c-4' });
    expect(view.byteLength).toBe(page.byteLength);
    expect(new TextDecoder().decode(view)).toContain('"K-21"');
  });

  it('tells a body that is not JSON from JSON that is not a change page, and holds neither', async () => {
    expect(await store.decodePage('cases', bytes('<html><body>Hotel Wi-Fi: please log in</body></html>'))).toEqual({
      ok: false,
      code: 'bad-json',
      detail: 'not JSON',
    });
    expect(await store.decodePage('cases', Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d))).toMatchObject({ ok: false, code: 'bad-json' });
    expect(await store.decodePage('customers', bytes({ items: [], deleted: [], hasMore: false }))).toEqual({
      ok: false,
      code: 'bad-shape',
      detail: expect.stringContaining('nextCursor') as string,
    });
    await expect(store.decodePage('cases', 'a string' as unknown as Uint8Array)).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('a pull through the engine takes the byte path; a captive portal page is the server’s fault and stores nothing', async () => {
    const pages = new Map<string, unknown>([
      ['customers:', { items: [], deleted: [], nextCursor: 'cu-1', hasMore: false }],
      ['cases:', { items: [kase(10), kase(11)], deleted: [], nextCursor: 'ca-1', hasMore: true, total: 3 }],
      ['cases:ca-1', { items: [kase(12)], deleted: ['K-10'], nextCursor: 'ca-2', hasMore: false }],
    ]);
    let portal = false;
    const parsedPulls: string[] = [];
    const source: CaseSource = {
      id: 'bytes',
      description: userText('sync.source.switchboard', { host: 'crm.example.com' }),
      probe: () => Promise.resolve(),
      pullCustomers: () => {
        parsedPulls.push('customers');
        return Promise.reject(new Error('the engine should ask for bytes'));
      },
      pullCases: () => {
        parsedPulls.push('cases');
        return Promise.reject(new Error('the engine should ask for bytes'));
      },
      pullPageBody: (kind: PullKind, request: PullRequest) => {
        if (portal) return Promise.resolve(bytes('<!doctype html><title>Log in</title>'));
        const page = pages.get(`${kind}:${request.cursor ?? ''}`);
        return page
          ? Promise.resolve(bytes(page))
          : Promise.reject(
              new SourceError(
                'protocol',
                'http-404',
                userText('sync.error.sendRefused', { host: 'test', what: userText('sync.subject.casesPage'), status: 404 }),
              ),
            );
      },
      push: () => Promise.reject(new Error('not used')),
      close: () => undefined,
    };
    const engine = new PullEngine({ source, ingest: storeSyncPort(store), log: silentLogger });
    const report = await engine.run();
    expect(parsedPulls).toEqual([]);
    expect(report.cases).toMatchObject({ stored: 3, deleted: 1, pages: 2, rejected: 0 });
    expect(await store.getCase('K-10')).toBeNull();
    expect((await store.getCase('K-12'))?.case.subject).toBe('Router case 12');
    expect(await store.getCursor('bytes:cases')).toBe('ca-2');

    portal = true;
    const error = await engine.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({
      kind: 'protocol',
      code: 'bad-json',
      message: 'Switchboard Sync API at crm.example.com sent a customers page that is not JSON',
    });
    expect(await store.getCursor('bytes:customers')).toBe('cu-1');
    expect(await store.getCursor('bytes:cases')).toBe('ca-2');
  });
});
