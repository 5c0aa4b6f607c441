import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../renderer/src/i18n/i18n';
import { translateUserText } from '../../../renderer/src/i18n/user-text';
import { acceptLanguageTags, pickLanguage } from '../../../shared/text/language';
import { translate } from '../../../shared/text/translate';
import { englishOf, userText, type UserText } from '../../../shared/text/user-text';

// Main's translator and the window's i18next must say the same for the same message.
const SAMPLES: UserText[] = [
  userText('notification.call.incoming'),
  userText('notification.signInPage.signedIn', { provider: 'Zendesk' }),
  userText('agent.restore.owed', { count: 1 }),
  userText('agent.restore.owed', { count: 0 }),
  userText('agent.restore.owed', { count: 5 }),
  userText('sync.error.sendRefused', { host: 'crm.example.com', what: userText('sync.subject.casesPage'), status: 404 }),
  userText('notification.signInPage.failed', {
    problem: userText('sso.oauth.sentence', { clause: userText('sso.oauthReason.invalidScope') }),
  }),
];

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe("main's translator", () => {
  it('agrees with the window for plain, plural and nested messages in both languages', async () => {
    for (const language of ['en', 'de'] as const) {
      await i18n.changeLanguage(language);
      for (const text of SAMPLES) expect(translate(text, language), text.key).toBe(translateUserText(text));
    }
  });

  it('shows a ringing call in German, and in English as written', () => {
    expect(translate(userText('notification.call.incoming'), 'de')).toBe('Eingehender Anruf');
    expect(translate(userText('notification.call.incoming'), 'en')).toBe('Incoming call');
    expect(translate(userText('agent.restore.owed', { count: 2 }), 'de')).toBe('Sie haben noch 2 Nachbearbeitungen abzuschließen.');
    expect(translate(userText('notification.startFailed'), 'en')).toBe(englishOf(userText('notification.startFailed')));
  });

  it('shows the key itself for a key no catalog has, rather than an empty line', () => {
    const unknown = { key: 'notification.notYetKnown' } as unknown as UserText;
    expect(translate(unknown, 'de')).toBe('notification.notYetKnown');
  });
});

describe('the language main and the window choose', () => {
  it('takes the setting, else the first supported system language by its base, else English', () => {
    expect(pickLanguage('de', ['en-US'])).toBe('de');
    expect(pickLanguage('system', ['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(pickLanguage(null, ['fr', 'es'])).toBe('en');
  });

  it("reads a browser's Accept-Language by preference, ignoring what it refuses", () => {
    expect(acceptLanguageTags('en;q=0.5, de-DE, fr;q=0.8')).toEqual(['de-DE', 'fr', 'en']);
    expect(acceptLanguageTags('de;q=0, en-GB')).toEqual(['en-GB']);
    expect(acceptLanguageTags(undefined)).toEqual([]);
    expect(pickLanguage(null, acceptLanguageTags('fr-CH, de;q=0.9, en;q=0.8'))).toBe('de');
  });
});
