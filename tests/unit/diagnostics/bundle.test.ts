import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  buildDiagnosticsFiles,
  formatSipTrace,
  listFiles,
  zipDiagnostics,
  type DiagnosticsInput,
} from '../../../electron/diagnostics/bundle';
import { maskNumber } from '../../../electron/diagnostics/recent-calls';

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
