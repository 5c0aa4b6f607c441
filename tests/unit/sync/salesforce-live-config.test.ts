import { describe, expect, it } from 'vitest';
import { readSalesforceLiveConfig } from '../../live/salesforce-live-config';

/**
 * When the optional Salesforce live suite (tests/live/) runs: never in CI; skipped with the missing
 * variables named; refused when set wrong; against a loopback http:// address (the emulator) only
 * when that is asked for explicitly; with an access token or with a Connected App's refresh token.
 */

const URL_ = 'https://acme--uat.sandbox.my.salesforce.com';

describe('the Salesforce live suite configuration', () => {
  it('runs against an org address with an access token, or with a consumer key and a refresh token', () => {
    expect(readSalesforceLiveConfig({ SALESFORCE_LIVE_URL: URL_, SALESFORCE_LIVE_ACCESS_TOKEN: '00D!session' })).toEqual({
      run: true,
      orgUrl: URL_,
      signIn: { kind: 'access-token', accessToken: '00D!session' },
      callIdField: 'Switchboard_Call_Id__c',
      emulator: false,
    });
    expect(
      readSalesforceLiveConfig({
        SALESFORCE_LIVE_URL: 'https://acme.my.salesforce.com/',
        SALESFORCE_LIVE_CLIENT_ID: '3MVG9key',
        SALESFORCE_LIVE_REFRESH_TOKEN: '5Aep-refresh',
        SALESFORCE_LIVE_CALL_ID_FIELD: 'Call_Key__c',
      }),
    ).toMatchObject({
      run: true,
      orgUrl: 'https://acme.my.salesforce.com',
      signIn: { kind: 'refresh-token', clientId: '3MVG9key', refreshToken: '5Aep-refresh' },
      callIdField: 'Call_Key__c',
    });
  });

  it('never runs in CI, even with every variable set', () => {
    expect(readSalesforceLiveConfig({ CI: 'true', SALESFORCE_LIVE_URL: URL_, SALESFORCE_LIVE_ACCESS_TOKEN: 't' })).toEqual({
      run: false,
      reason: 'the live suite never runs in CI (CI is set)',
    });
  });

  it('is skipped without its variables, naming the ones missing', () => {
    expect(readSalesforceLiveConfig({})).toMatchObject({ run: false, reason: expect.stringContaining('SALESFORCE_LIVE_URL') });
    expect(readSalesforceLiveConfig({ SALESFORCE_LIVE_URL: URL_ })).toEqual({
      run: false,
      reason: 'SALESFORCE_LIVE_ACCESS_TOKEN is not set (see tests/live/README.md)',
    });
    expect(readSalesforceLiveConfig({ SALESFORCE_LIVE_URL: URL_, SALESFORCE_LIVE_CLIENT_ID: 'k' })).toEqual({
      run: false,
      reason: 'SALESFORCE_LIVE_REFRESH_TOKEN is not set (see tests/live/README.md)',
    });
  });

  it('refuses what is set but wrong: not a Salesforce address, a path, both kinds of sign-in, a field that is not custom', () => {
    const token = { SALESFORCE_LIVE_ACCESS_TOKEN: 't' };
    expect(() => readSalesforceLiveConfig({ SALESFORCE_LIVE_URL: 'https://crm.example.com', ...token })).toThrow(/Salesforce org address/);
    expect(() => readSalesforceLiveConfig({ SALESFORCE_LIVE_URL: `${URL_}/lightning/page/home`, ...token })).toThrow(/without a path/);
    expect(() => readSalesforceLiveConfig({ SALESFORCE_LIVE_URL: 'http://acme.my.salesforce.com', ...token })).toThrow(/https:\/\//);
    expect(() =>
      readSalesforceLiveConfig({ SALESFORCE_LIVE_URL: URL_, ...token, SALESFORCE_LIVE_CLIENT_ID: 'k', SALESFORCE_LIVE_REFRESH_TOKEN: 'r' }),
    ).toThrow(/not both/);
    expect(() => readSalesforceLiveConfig({ SALESFORCE_LIVE_URL: URL_, ...token, SALESFORCE_LIVE_CALL_ID_FIELD: 'CallId' })).toThrow(/__c/);
  });

  it('takes the emulator (loopback http://) only when asked to', () => {
    const env = { SALESFORCE_LIVE_URL: 'http://127.0.0.1:8091', SALESFORCE_LIVE_ACCESS_TOKEN: 't' };
    expect(() => readSalesforceLiveConfig(env)).toThrow(/SALESFORCE_LIVE_ALLOW_EMULATOR=1/);
    expect(readSalesforceLiveConfig({ ...env, SALESFORCE_LIVE_ALLOW_EMULATOR: '1' })).toMatchObject({ run: true, emulator: true });
  });
});
