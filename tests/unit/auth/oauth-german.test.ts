import { describe, expect, it } from 'vitest';
import { oauthErrors, type OAuthError } from '../../../electron/auth/oauth-error';
import { providerEndpointKind } from '../../../electron/auth/oauth-http';
import en from '../../../shared/text/en/sso';
import { translate } from '../../../shared/text/translate';
import { userText } from '../../../shared/text/user-text';

const zendesk = { id: 'zendesk', name: 'Zendesk' };

function configurationError(run: () => unknown): OAuthError {
  try {
    run();
  } catch (error) {
    return error as OAuthError;
  }
  throw new Error('expected a configuration error');
}

/**
 * A sign-in's refusal and set-up problems are whole sentences after a colon ("… abgelehnt: Es wurde
 * kein Grund genannt."); German starts such a sentence with a capital letter, English does not.
 */
describe('the sign-in problems in German', () => {
  it('says why a provider refused the sign-in as its own sentence', () => {
    expect(translate(oauthErrors.refused(zendesk, undefined, undefined).text, 'de')).toBe(
      'Zendesk hat die Anmeldung abgelehnt: Es wurde kein Grund genannt.',
    );
    expect(translate(oauthErrors.refused(zendesk, 'invalid_grant', undefined).text, 'de')).toBe(
      'Zendesk hat die Anmeldung abgelehnt: Der Anmeldecode wurde nicht akzeptiert (er ist möglicherweise abgelaufen oder wurde schon verwendet).',
    );
    expect(oauthErrors.refused(zendesk, undefined, undefined).message).toBe('Zendesk refused the sign-in: it gave no reason.');
  });

  it('names a discovered endpoint that is not a URL in a sentence that reads right', () => {
    const error = configurationError(() =>
      providerEndpointKind([{ url: 'not a url', what: 'discoveredTokenEndpoint' }], { id: 'sso', name: 'Switchboard' }),
    );
    expect(translate(error.text, 'de')).toBe(
      'Die Anmeldung bei Switchboard ist nicht richtig eingerichtet: Der ermittelte Token-Endpunkt ist keine gültige URL.',
    );
    expect(error.message).toBe('The Switchboard sign-in is not set up correctly: its discovered token endpoint is not a valid URL.');
  });

  it('starts every reason and set-up problem with a capital letter', () => {
    const endpoint = userText('sso.endpoint.discoveredAuthorizationEndpoint');
    for (const area of ['oauthReason', 'oauthSetup'] as const) {
      for (const name of Object.keys(en[area])) {
        const said = translate(userText(`sso.${area}.${name}` as never, { endpoint, port: 8080, code: 'EACCES' }), 'de');
        expect(said.charAt(0), `sso.${area}.${name}: ${said}`).toMatch(/\p{Lu}/u);
      }
    }
  });
});
