import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRotatingFileSink } from '../../../electron/logging/file-sink';
import { createLogger } from '../../../electron/logging/logger';
import { redactDeep, redactText } from '../../../electron/logging/redact';

// Planted secrets and personal data: none of these may reach a log file.
const PLANTED = {
  password: 'hunter2-Planted-Pw',
  bearer: 'eyPlantedBearerToken0123456789abcdef',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  digestResponse: '6629fae49393a05397450978507c4ef1',
  email: 'jane.customer@example.org',
  phone: '+44 20 7946 0018',
  phoneDigits: '442079460018',
  name: 'Jane Customer',
  turnCredential: 'turn-Planted-Credential',
  apiKey: 'sk_live_PlantedApiKey',
};

const hostileLines = [
  `Authorization: Digest username="2042", realm="pbx", nonce="abc", uri="sip:pbx", response="${PLANTED.digestResponse}"`,
  `Proxy-Authorization: Digest username="2042", response="${PLANTED.digestResponse}"`,
  `request failed: GET https://crm.example.com/api?access_token=${PLANTED.bearer}&page=2`,
  `header Authorization: Bearer ${PLANTED.bearer}`,
  `connecting to wss://agent:${PLANTED.password}@pbx.example.com:7443/ws`,
  `config {"password":"${PLANTED.password}","turn":{"urls":"turn:turn.example.com","credential":"${PLANTED.turnCredential}"}}`,
  `token=${PLANTED.jwt}`,
  `calling ${PLANTED.phone} for ${PLANTED.email}`,
  `api_key: ${PLANTED.apiKey}`,
];

function assertClean(text: string): void {
  for (const [what, value] of Object.entries(PLANTED)) expect(text.includes(value), `${what} leaked: ${text.slice(0, 300)}`).toBe(false);
}

describe('redactText', () => {
  it.each(hostileLines)('masks credentials and personal data: %s', (line) => {
    assertClean(redactText(line));
  });

  it('keeps what IT needs: dates, times, IPs, ports, status codes, ids', () => {
    const line =
      '2026-11-23T08:15:02.123Z 10.0.0.5:5066 SIP/2.0 401 Unauthorized call 3f2a9c1e-77b1 after 1500 ms realm="pbx" nonce="n0nce"';
    expect(redactText(line)).toBe(line);
  });

  it('cuts very long texts before matching (the patterns then stay linear)', () => {
    const out = redactText(`${'y'.repeat(100_000)} password=${PLANTED.password}`);
    expect(out.length).toBeLessThan(8300);
    expect(out).toMatch(/cut \d+ chars\]$/);
    assertClean(redactText(`password=${PLANTED.password} ${'1'.repeat(100_000)}`));
  });

  it('redactDeep masks secret-named keys at any depth and text in values', () => {
    const config = {
      sip: { username: '2042', password: PLANTED.password, servers: { primary: 'wss://pbx.example.com:7443/ws' } },
      ice: [{ urls: 'turn:turn.example.com:3478', username: 'agent', credential: PLANTED.turnCredential }],
      crm: { url: `https://crm.example.com/?token=${PLANTED.bearer}`, apiKey: PLANTED.apiKey },
    };
    const out = JSON.stringify(redactDeep(config));
    assertClean(out);
    expect(out).toContain('wss://pbx.example.com:7443/ws');
    expect(out).toContain('turn:turn.example.com:3478');
  });
});

describe('log files', () => {
  it('writes redacted JSON lines: planted secrets in messages and fields never reach the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sb-log-'));
    const file = createRotatingFileSink({ dir });
    const log = createLogger(file.sink, { level: 'debug', scope: 'test' });
    for (const line of hostileLines) log.warn(line);
    log.info('account saved', {
      password: PLANTED.password,
      token: PLANTED.bearer,
      displayName: PLANTED.name,
      remoteNumber: PLANTED.phone,
      callId: 'c-1',
      passwordChanged: true,
    });
    log
      .child('sip')
      .error('register failed', { error: `Authorization: Bearer ${PLANTED.bearer}`, sipTurnCredential: PLANTED.turnCredential });
    file.close();
    const text = readFileSync(path.join(dir, 'switchboard.log'), 'utf8');
    assertClean(text);
    const records = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { message: string; scope: string; fields?: Record<string, unknown> });
    expect(records).toHaveLength(hostileLines.length + 2);
    expect(records.at(-2)?.fields).toMatchObject({ callId: 'c-1', passwordChanged: true, password: '[redacted]', displayName: '[pii]' });
    expect(records.at(-1)?.scope).toBe('test.sip');
    expect(statSync(path.join(dir, 'switchboard.log')).mode & 0o077).toBe(0);
  });

  it('rotates by size and keeps at most maxFiles files, newest lines in the current file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sb-log-'));
    const file = createRotatingFileSink({ dir, maxBytes: 4096, maxFiles: 3 });
    const log = createLogger(file.sink, { scope: 'rot' });
    for (let i = 0; i < 400; i += 1) log.info(`line ${i} ${'x'.repeat(40)}`);
    file.close();
    const names = readdirSync(dir).sort();
    expect(names).toEqual(['switchboard.log', 'switchboard.log.1', 'switchboard.log.2']);
    for (const name of names) expect(statSync(path.join(dir, name)).size).toBeLessThanOrEqual(4096);
    const current = readFileSync(path.join(dir, 'switchboard.log'), 'utf8');
    expect(current).toContain('line 399 ');
    expect(readFileSync(path.join(dir, 'switchboard.log.2'), 'utf8')).not.toContain('line 399 ');
    expect(file.files().map((f) => path.basename(f))).toEqual(['switchboard.log', 'switchboard.log.1', 'switchboard.log.2']);
  });

  it('a line too long for one record is cut, not written whole', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sb-log-'));
    const file = createRotatingFileSink({ dir });
    createLogger(file.sink).error('boom', { a: 'y'.repeat(100_000), b: 'y'.repeat(100_000), c: 'y'.repeat(100_000) });
    file.close();
    const text = readFileSync(path.join(dir, 'switchboard.log'), 'utf8');
    expect(text.length).toBeLessThan(20_000);
    expect(JSON.parse(text)).toMatchObject({ message: 'boom', truncated: true });
  });
});
