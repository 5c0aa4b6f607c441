import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../../tools/sync-server/cli';
import { startSyncServer } from '../../../tools/sync-server/server';

/** `npm run sync-server -- ...`: every wrong flag gets a message naming it and saying what is allowed. */
describe('sync-server command line', () => {
  const env = { SYNC_SERVER_TOKEN: 'demo-token-1', SYNC_SERVER_ADMIN_TOKEN: 'demo-admin-token-1' };
  const base = ['--db', 'server.db'];
  const dir = mkdtempSync(path.join(tmpdir(), 'sb-sync-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function tokenFile(name: string, text: string, mode: number): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    chmodSync(file, mode);
    return file;
  }

  it('reads the server, seed and fault switches', () => {
    const config = parseCli(
      [
        ...base,
        '--port',
        '0',
        '--seed-customers',
        '10',
        '--seed-cases',
        '50',
        '--error-rate',
        '0.25',
        '--drop-rate',
        '0.1',
        '--fault-scope',
        'push',
        '--fail-status',
        '503',
      ],
      env,
    );
    expect(config.server.port).toBe(0);
    expect(config.server.dbFile).toMatch(/server\.db$/);
    expect(config.server.faults).toMatchObject({ errorRate: 0.25, dropRate: 0.1, scope: 'push', failStatus: 503, duplicateRate: 0 });
    expect(config.seed).toEqual({ customers: 10, cases: 50, seed: 42 });
  });

  it('reads the page faults: oversized pages and feeds without end', () => {
    const config = parseCli(
      [...base, '--oversize-page-bytes', '20000000', '--oversize-after-pages', '3', '--endless-pages', 'fresh-cursor'],
      env,
    );
    expect(config.server.faults).toMatchObject({ oversizePageBytes: 20_000_000, oversizeAfterPages: 3, endlessPages: 'fresh-cursor' });
    expect(() => parseCli([...base, '--endless-pages', 'forever'], env)).toThrow(/^Invalid fault switch endlessPages: /);
  });

  it('takes both tokens from the environment', () => {
    expect(parseCli(['--db', 'x.db'], env).server).toMatchObject({ token: 'demo-token-1', adminToken: 'demo-admin-token-1' });
  });

  it('takes both tokens from files only their owner can read (trailing newline ignored)', () => {
    const client = tokenFile('client.token', 'file-client-token\n', 0o600);
    const admin = tokenFile('admin.token', 'file-admin-token\n', 0o400);
    expect(parseCli(['--db', 'x.db', '--token-file', client, '--admin-token-file', admin]).server).toMatchObject({
      token: 'file-client-token',
      adminToken: 'file-admin-token',
    });
  });

  it.skipIf(process.platform === 'win32')('refuses a token file other users can read, saying how to fix it', () => {
    const shared = tokenFile('shared.token', 'shared-client-token\n', 0o644);
    expect(() => parseCli(['--db', 'x.db', '--token-file', shared], { SYNC_SERVER_ADMIN_TOKEN: 'demo-admin-token-1' })).toThrow(
      `--token-file ${shared} can be read by other users (mode 0644): run chmod 600 ${shared}`,
    );
  });

  it.each([
    [
      ['--db', 'x.db', '--token', 'demo-token-1'],
      '--token is not accepted: other users can read a command line. Set SYNC_SERVER_TOKEN, or pass --token-file FILE (a file only you can read: chmod 600).',
    ],
    [
      ['--db', 'x.db', '--admin-token=demo-admin-token-1'],
      '--admin-token is not accepted: other users can read a command line. Set SYNC_SERVER_ADMIN_TOKEN, or pass --admin-token-file FILE (a file only you can read: chmod 600).',
    ],
  ])('refuses a token on the command line: %j', (argv, message) => {
    expect(() => parseCli(argv, env)).toThrow(message);
  });

  it('refuses an admin token equal to the client token', () => {
    expect(() => parseCli(['--db', 'x.db'], { SYNC_SERVER_TOKEN: 'same-token-1', SYNC_SERVER_ADMIN_TOKEN: 'same-token-1' })).toThrow(
      'The admin token must differ from the client token: anyone holding the client token could otherwise use /admin (reset data, inject faults).',
    );
  });

  it.each([
    [
      ['--db', 'x.db'],
      { SYNC_SERVER_ADMIN_TOKEN: 'demo-admin-token-1' },
      'The client token is required: set SYNC_SERVER_TOKEN or pass --token-file FILE (mode 0600)',
    ],
    [
      ['--db', 'x.db'],
      { SYNC_SERVER_TOKEN: 'demo-token-1' },
      'The admin token is required: set SYNC_SERVER_ADMIN_TOKEN or pass --admin-token-file FILE (mode 0600)',
    ],
    [['--db', 'x.db'], { ...env, SYNC_SERVER_TOKEN: 'short' }, 'The client token must be at least 8 characters with no spaces'],
    [['--db', 'x.db', '--token-file', '/nonexistent/client.token'], env, '--token-file /nonexistent/client.token cannot be read (ENOENT)'],
  ])('refuses %j with %j', (argv, environment, message) => {
    expect(() => parseCli(argv, environment)).toThrow(message);
  });

  it.each([
    [[], /--db FILE is required/],
    [[...base, '--port', 'eighty'], /--port must be a whole number, got "eighty"/],
    [[...base, '--port', '70000'], /--port must be at most 65535/],
    [[...base, '--error-rate', '1.5'], /--error-rate must be at most 1/],
    [[...base, '--fail-status', '418'], /Invalid fault switch failStatus/],
    [[...base, '--fault-scope', 'everything'], /Invalid fault switch scope/],
    [[...base, '--seed-cases', '5'], /--seed-cases needs --seed-customers/],
    [[...base, '--frobnicate'], /Unknown option '--frobnicate'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCli(argv, env)).toThrow(message);
  });

  it('with an OpenID issuer, accepts its access tokens and needs no client token', () => {
    const config = parseCli(['--db', 'x.db', '--oidc-issuer', 'https://login.example.com', '--oidc-audience', 'https://sync.example.com'], {
      SYNC_SERVER_ADMIN_TOKEN: 'demo-admin-token-1',
    });
    expect(config.server.oidc).toEqual({ issuer: 'https://login.example.com', audience: 'https://sync.example.com' });
    expect(config.server.token).toBeUndefined();
  });

  it.each([
    [['--oidc-issuer', 'https://login.example.com'], '--oidc-issuer and --oidc-audience go together'],
    [
      ['--oidc-issuer', 'http://login.example.com', '--oidc-audience', 'a'],
      '--oidc-issuer must be https (plain http only for a provider on this computer)',
    ],
    [['--oidc-issuer', 'login', '--oidc-audience', 'a'], '--oidc-issuer must be a URL, got "login"'],
  ])('refuses the sign-in flags %j', (flags, message) => {
    expect(() => parseCli([...base, ...flags], env)).toThrow(message);
  });

  it('the server itself refuses to start with the admin token equal to the client token', async () => {
    await expect(startSyncServer({ dbFile: path.join(dir, 'same.db'), token: 'same-token-1', adminToken: 'same-token-1' })).rejects.toThrow(
      'The admin token must differ from the client token',
    );
  });
});
