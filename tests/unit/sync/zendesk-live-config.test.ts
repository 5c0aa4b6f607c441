import { describe, expect, it } from 'vitest';
import { readZendeskLiveConfig } from '../../live/live-config';

/**
 * When the optional Zendesk live suite (tests/live/) runs: never in CI, skipped with the missing
 * variables named, refused when set wrong, and against a loopback http:// address (the emulator)
 * only when that is asked for explicitly.
 */

const FULL = {
  ZENDESK_LIVE_URL: 'https://acme1700000000.zendesk.com',
  ZENDESK_LIVE_EMAIL: 'sandbox-admin@acme.example',
  ZENDESK_LIVE_API_TOKEN: 'a-token',
};

describe('the Zendesk live suite configuration', () => {
  it('runs against a Zendesk account address with an admin email and API token', () => {
    expect(readZendeskLiveConfig(FULL)).toEqual({
      run: true,
      baseUrl: 'https://acme1700000000.zendesk.com',
      email: 'sandbox-admin@acme.example',
      apiToken: 'a-token',
      emulator: false,
    });
  });

  it('never runs in CI, even with every variable set', () => {
    for (const ci of ['true', '1', 'yes']) {
      expect(readZendeskLiveConfig({ ...FULL, CI: ci })).toEqual({ run: false, reason: 'the live suite never runs in CI (CI is set)' });
    }
    expect(readZendeskLiveConfig({ ...FULL, CI: 'false' }).run).toBe(true);
  });

  it('is skipped, naming the variables that are missing', () => {
    expect(readZendeskLiveConfig({})).toEqual({
      run: false,
      reason: 'ZENDESK_LIVE_URL, ZENDESK_LIVE_EMAIL and ZENDESK_LIVE_API_TOKEN are not set (see tests/live/README.md)',
    });
    expect(readZendeskLiveConfig({ ...FULL, ZENDESK_LIVE_API_TOKEN: ' ' })).toEqual({
      run: false,
      reason: 'ZENDESK_LIVE_API_TOKEN is not set (see tests/live/README.md)',
    });
  });

  it('refuses an address that is not a Zendesk account, or an email that is not one', () => {
    const wrong = (url: string) => () => readZendeskLiveConfig({ ...FULL, ZENDESK_LIVE_URL: url });
    expect(wrong('acme.zendesk.com')).toThrow('ZENDESK_LIVE_URL is not a URL');
    expect(wrong('https://acme.example.com')).toThrow('must be a Zendesk account address, https://<subdomain>.zendesk.com');
    expect(wrong('https://acme.zendesk.com/agent')).toThrow('without a path');
    expect(wrong('http://acme.zendesk.com')).toThrow('must start with https://');
    expect(() => readZendeskLiveConfig({ ...FULL, ZENDESK_LIVE_EMAIL: 'admin' })).toThrow('ZENDESK_LIVE_EMAIL must be the email address');
  });

  it('takes a loopback http:// address (the Zendesk emulator) only with ZENDESK_LIVE_ALLOW_EMULATOR=1', () => {
    const emulator = { ...FULL, ZENDESK_LIVE_URL: 'http://127.0.0.1:8091' };
    expect(() => readZendeskLiveConfig(emulator)).toThrow('only with ZENDESK_LIVE_ALLOW_EMULATOR=1');
    expect(readZendeskLiveConfig({ ...emulator, ZENDESK_LIVE_ALLOW_EMULATOR: '1' })).toMatchObject({
      run: true,
      baseUrl: 'http://127.0.0.1:8091',
      emulator: true,
    });
    expect(() =>
      readZendeskLiveConfig({ ...emulator, ZENDESK_LIVE_URL: 'http://10.0.0.5:8091', ZENDESK_LIVE_ALLOW_EMULATOR: '1' }),
    ).toThrow('must start with https://');
  });
});
