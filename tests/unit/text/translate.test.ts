import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../renderer/src/i18n/i18n';
import { translateUserText } from '../../../renderer/src/i18n/user-text';
import { acceptLanguageTags, pickLanguage } from '../../../shared/text/language';
import de from '../../../shared/text/de';
import en from '../../../shared/text/en';
import { translate, VALUE_FORMATS, type MessageCatalog } from '../../../shared/text/translate';
import { englishOf, userText, type UserText } from '../../../shared/text/user-text';

// The window translates main's messages with main's translator; what it shows must be what main shows.
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
  userText('preShift.network.found.server', { ms: 1234.5, answered: 3 }),
];

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe("main's translator", () => {
  it('agrees with the window for plain, plural, nested and number-formatted messages in both languages', async () => {
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

  it('writes numbers as each language does, in main and in the window alike', async () => {
    const slow = userText('preShift.network.found.server', { ms: 1234.5, answered: 3 });
    expect(translate(slow, 'de')).toBe('Die Telefonanlage hat in 1.234,5 ms geantwortet (Median von 3)');
    await i18n.changeLanguage('de');
    expect(translateUserText(slow)).toBe('Die Telefonanlage hat in 1.234,5 ms geantwortet (Median von 3)');
    expect(translateUserText(userText('preShift.network.found.loss', { percent: 2.5 }))).toBe('Gesprächston: 2,5 % verloren');
    await i18n.changeLanguage('en');
    expect(translateUserText(userText('sync.problem.feedPages', { count: 1200, feed: 'cases' }))).toBe('1,200 pages of cases');
  });

  it('knows every format a catalog names in a placeholder', () => {
    const named = new Set<string>();
    const collect = (tree: MessageCatalog): void => {
      for (const node of Object.values(tree)) {
        if (typeof node !== 'string') collect(node);
        else for (const m of node.matchAll(/\{\{\s*\w+\s*,\s*([^}]*?)\s*\}\}/g)) named.add(m[1] ?? '');
      }
    };
    collect(en);
    collect(de);
    expect([...named].filter((format) => !(format in VALUE_FORMATS))).toEqual([]);
    expect(named.has('number')).toBe(true);
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
