import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCustomer } from '../../../electron/store/import/records';
import { recoveryNotice } from '../../../electron/store/startup-recovery';
import { englishOf } from '../../../shared/text/user-text';
import { i18n, translateUserText } from '../../../renderer/src/i18n';

describe('store messages main composes, in the window', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('de');
  });
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('say what is wrong with an import row in German, the number refused and the region assumed included', () => {
    const result = readCustomer({ id: 'c1', name: 'Ana', phone: '12' }, { phoneRegion: 'DE', strictPhones: true });
    const problem = !result.ok ? result.problems[0] : undefined;
    expect(problem?.field).toBe('phone');
    expect(englishOf(problem!.message)).toBe('phone 1: "12" is not a phone number (DE is assumed when there is no country code)');
    expect(translateUserText(problem!.message)).toBe('Telefon 1: „12“ ist keine Telefonnummer (ohne Ländervorwahl wird DE angenommen)');
  });

  it('tell of a rebuilt database in German, with the count of unsent items kept in its plural form', () => {
    const notice = recoveryNotice({ at: 0, reason: 'wrong-key', movedAsideAs: 'switchboard.db.damaged-1', salvagedOutboxRows: 3 });
    const german = translateUserText(notice);
    expect(german).toBe(
      'Die lokale Kundendatenbank konnte mit dem Schlüssel im Schlüsselbund dieses Computers nicht entschlüsselt werden. ' +
        'Sie wurde beiseitegelegt (switchboard.db.damaged-1) und eine neue angelegt; Kunden und Vorgänge kommen mit der nächsten ' +
        'Synchronisierung zurück. 3 noch nicht gesendete Einträge wurden übernommen und werden noch gesendet.',
    );
    const one = translateUserText(recoveryNotice({ at: 0, reason: 'not-a-database', movedAsideAs: 'x.db', salvagedOutboxRows: 1 }));
    expect(one).toContain('war beschädigt');
    expect(one).toContain('1 noch nicht gesendeter Eintrag wurde übernommen');
  });
});
