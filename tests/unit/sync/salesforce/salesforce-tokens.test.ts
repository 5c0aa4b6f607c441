import { describe, expect, it } from 'vitest';
import type { TokenEndpointResponse } from 'openid-client';
import { parseStoredTokens, serializeTokens, tokensFromResponse } from '../../../../electron/auth/oauth-tokens';
import { salesforceProvider } from '../../../../electron/sync/salesforce-sign-in';

/** Salesforce's token response names the org's API address: it is kept with the tokens and renewed with them. */

const response = (over: Record<string, unknown> = {}) =>
  ({
    access_token: '00Dx!AQ4AQ.first',
    refresh_token: '5Aep861.refresh',
    token_type: 'bearer',
    scope: 'api refresh_token',
    instance_url: 'https://acme.my.salesforce.com',
    id: 'https://login.salesforce.com/id/00Dx0000000BV7z/005x00000012Q9P',
    issued_at: '1714556400000',
    ...over,
  }) as unknown as TokenEndpointResponse;

describe('tokens with the instance URL', () => {
  it('keeps the fields the provider asks for, and nothing else of the response', () => {
    const keep = salesforceProvider({ origin: 'https://acme.my.salesforce.com', clientId: '3MVG9example' }).keepResponseFields;
    const tokens = tokensFromResponse(response(), 1000, null, keep);
    expect(tokens).toMatchObject({ accessToken: '00Dx!AQ4AQ.first', refreshToken: '5Aep861.refresh', expiresAt: null });
    expect(tokens.extra).toEqual({ instance_url: 'https://acme.my.salesforce.com' });
    expect(parseStoredTokens(serializeTokens(tokens))).toEqual(tokens);
  });

  it('a renewal keeps the refresh token Salesforce does not send again, and takes a new instance URL', () => {
    const first = tokensFromResponse(response(), 1000, null, ['instance_url']);
    const renewed = tokensFromResponse(
      response({ access_token: '00Dx!AQ4AQ.second', refresh_token: undefined, instance_url: 'https://acme2.my.salesforce.com' }),
      2000,
      first,
      ['instance_url'],
    );
    expect(renewed).toMatchObject({
      accessToken: '00Dx!AQ4AQ.second',
      refreshToken: '5Aep861.refresh',
      extra: { instance_url: 'https://acme2.my.salesforce.com' },
    });
  });

  it('a stored value whose extra fields are not text is not read (signed out, nothing half-read)', () => {
    const stored = JSON.parse(serializeTokens(tokensFromResponse(response(), 1000, null, ['instance_url']))) as Record<string, unknown>;
    expect(parseStoredTokens(JSON.stringify({ ...stored, extra: { instance_url: 42 } }))).toBeNull();
    const { extra: _dropped, ...withoutExtra } = stored;
    expect(parseStoredTokens(JSON.stringify(withoutExtra))).not.toHaveProperty('extra');
  });

  it('signs in to the Salesforce OAuth endpoints with PKCE scopes api and refresh_token, on the fixed callback port', () => {
    expect(salesforceProvider({ origin: 'https://login.salesforce.com', clientId: '3MVG9example', redirectPort: 4717 })).toMatchObject({
      id: 'salesforce',
      authorizationEndpoint: 'https://login.salesforce.com/services/oauth2/authorize',
      tokenEndpoint: 'https://login.salesforce.com/services/oauth2/token',
      revocationEndpoint: 'https://login.salesforce.com/services/oauth2/revoke',
      clientSecret: null,
      scopes: ['api', 'refresh_token'],
      redirectPort: 4717,
    });
  });
});
