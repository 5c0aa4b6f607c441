import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  buildDiagnosticsFiles,
  formatSipTrace,
  listFiles,
  syncReport,
  zipDiagnostics,
  type DiagnosticsInput,
} from '../../../electron/diagnostics/bundle';
import type { SyncStatus } from '../../../shared/sync/contract';
import { maskNumber } from '../../../electron/diagnostics/recent-calls';
import { userText } from '../../../shared/text/user-text';

const input = (over: Partial<DiagnosticsInput> = {}): DiagnosticsInput => ({
  createdAt: new Date(Date.UTC(2026, 10, 23, 9, 0, 0)),
  versions: { app: '1.2.3' },
  config: {},
  secretStore: { backend: 'key-file', weak: false, description: 'files' },
  store: { state: 'ready' },
  registration: { status: 'registered' },
  sipTrace: [],
  calls: [],
  liveStats: { calls: [] },
  audioDevices: { unavailable: 'no window' },
  devicePrefs: null,
  sync: { unavailable: 'sync is not part of this host' },
  logFiles: [],
  ...over,
});

describe('diagnostics bundle', () => {
  it('drops credential headers in any spelling and masks digest parameters elsewhere in the trace', () => {
    const text = formatSipTrace([
      {
        at: 0,
        direction: 'out',
        firstLine: 'INVITE sip:+15551234567@pbx.example.com SIP/2.0',
        headers: [
          'authorization: Digest response="aaaabbbbccccdddd1111"',
          '  Proxy-Authorization :Digest response="eeee"',
          'X-Odd: cnonce="ffff0000", response=9999aaaa',
          'To: <sip:+15551234567@pbx.example.com>',
        ],
      },
    ]);
    expect(text).not.toMatch(/authorization/i);
    expect(text).not.toContain('aaaabbbbccccdddd1111');
    expect(text).not.toContain('9999aaaa');
    expect(text).not.toContain('ffff0000');
    // Numbers and addresses stay: IT needs them to follow a call.
    expect(text).toContain('To: <sip:+15551234567@pbx.example.com>');
    expect(text).toContain('>>> sent');
  });

  it('says when secrets sit in a plain-text fallback instead of the OS keychain', () => {
    const files = buildDiagnosticsFiles(input({ secretStore: { backend: 'plaintext-fallback', weak: true, description: 'basic_text' } }));
    expect(JSON.parse(strFromU8(files['secret-store.json'] as Uint8Array))).toMatchObject({ plainTextFallback: true, weak: true });
  });

  it('takes the end of each log file and redacts it again on the way in', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sb-bundle-'));
    const log = path.join(dir, 'switchboard.log');
    writeFileSync(log, '{"message":"old writer: Authorization: Bearer abcdefghijklmnop1234"}\n');
    const zip = zipDiagnostics(buildDiagnosticsFiles(input({ logFiles: [log, path.join(dir, 'missing.log')] })));
    const entries = unzipSync(zip);
    expect(strFromU8(entries['logs/switchboard.log'] ?? new Uint8Array())).not.toContain('abcdefghijklmnop1234');
    expect(Object.keys(entries)).not.toContain('logs/missing.log');
  });

  it('lists nested files with their folder', () => {
    expect(listFiles({ 'a.txt': new Uint8Array(), logs: { 'b.log': new Uint8Array() } })).toEqual(['a.txt', 'logs/b.log']);
  });

  it('reduces a number to its last two digits', () => {
    expect(maskNumber('+44 20 7946 0018')).toBe('…18');
    expect(maskNumber('')).toBe('…');
  });
});

describe('the sync part of diagnostics (sync.json)', () => {
  const status: SyncStatus = {
    connector: 'salesforce',
    connectorLocked: true,
    zendesk: { auth: 'api-token', email: null, emailLocked: false, tokenByPolicy: false, signedIn: false },
    salesforce: { signedIn: true },
    connection: 'online',
    server: 'acme.my.salesforce.com',
    problem: null,
    locked: true,
    activity: 'idle',
    progress: null,
    stages: null,
    apiUsage: { used: 61_234, limit: 250_000, at: Date.UTC(2026, 11, 6, 9, 30) },
    lastSyncAt: Date.UTC(2026, 11, 6, 9, 29),
    lastPushAt: null,
    nextAttemptAt: null,
    outbox: { waiting: 3, parked: 1, conflicts: 1 },
    parked: [
      {
        id: 7,
        entityKind: 'interaction',
        entityId: 'call-0042',
        operation: 'log-call',
        code: 'salesforce-call-id-field-missing',
        message: userText('sync.outbox.legacy', { detail: 'No field Switchboard_Call_Id__c on Task for Margaret Hamilton +441632960123' }),
        attempts: 1,
        createdAt: Date.UTC(2026, 11, 6, 9, 0),
      },
    ],
    conflicts: [
      {
        id: 9,
        entityKind: 'case',
        entityId: 'sf-case-500',
        operation: 'update',
        title: 'Refund for Margaret Hamilton',
        message: userText('sync.outbox.legacy', { detail: 'Changed in Salesforce' }),
        theirsVersion: 3,
        detectedAt: Date.UTC(2026, 11, 6, 9, 10),
        fields: [{ field: 'priority', mine: 'P1', theirs: 'P3' }],
      },
    ],
  };

  it("shows IT the CRM's API usage against the org's allowance, and the outbox's state", () => {
    const files = buildDiagnosticsFiles(input({ sync: syncReport(status) }));
    expect(listFiles(files)).toContain('sync.json');
    const report = JSON.parse(strFromU8(files['sync.json'] as Uint8Array)) as Record<string, unknown>;
    expect(report).toMatchObject({
      connector: 'salesforce',
      connection: 'online',
      signedIn: { zendesk: null, salesforce: true },
      apiUsage: { used: 61_234, limit: 250_000, at: '2026-12-06T09:30:00.000Z', share: '24.5 %' },
      lastSyncAt: '2026-12-06T09:29:00.000Z',
      outbox: { waiting: 3, parked: 1, conflicts: 1 },
      parked: [{ entityKind: 'interaction', operation: 'log-call', code: 'salesforce-call-id-field-missing', attempts: 1 }],
      conflicts: [{ entityKind: 'case', operation: 'update', fields: ['priority'] }],
    });
    expect(strFromU8(buildDiagnosticsFiles(input())['README.txt'] as Uint8Array)).toMatch(/sync\.json .*API/s);
  });

  it('leaves out the customer data the status carries: names, numbers, record ids, field values', () => {
    const text = JSON.stringify(syncReport(status));
    for (const pii of ['Margaret', '441632960123', 'call-0042', 'sf-case-500', 'Refund', 'P3']) expect(text).not.toContain(pii);
  });

  it('says so when the host has no sync', () => {
    expect(syncReport(null)).toEqual({ unavailable: 'sync is not part of this host' });
  });
});
