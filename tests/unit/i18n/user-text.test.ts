import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../renderer/src/i18n/i18n';
import { translateUserText } from '../../../renderer/src/i18n/user-text';
import { translateIn } from '../../../shared/text/message-format';
import { englishOf, isTextKey, userText, userTextSchema, type UserText } from '../../../shared/text/user-text';

const refused = userText('sync.error.sendRefused', { host: 'crm.example.com', what: userText('sync.subject.casesPage'), status: 404 });

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe("main's messages: a key and values", () => {
  it('reads in English for logs and diagnostics, nested messages and plurals filled in', () => {
    expect(englishOf(refused)).toBe('crm.example.com refused to send the cases page (HTTP 404)');
    expect(englishOf(userText('agent.restore.owed', { count: 1 }))).toBe('You have 1 wrap-up to finish.');
    expect(englishOf(userText('agent.restore.owed', { count: 3 }))).toBe('You have 3 wrap-ups to finish.');
  });

  it('shows in the window in the agent language, and again in English after switching back', async () => {
    await i18n.changeLanguage('de');
    expect(translateUserText(refused)).toBe('crm.example.com hat das Senden von „Seite mit Fällen“ abgelehnt (HTTP 404)');
    expect(translateUserText(userText('agent.restore.owed', { count: 2 }))).toBe('Sie haben noch 2 Nachbearbeitungen abzuschließen.');
    await i18n.changeLanguage('en');
    expect(translateUserText(refused)).toBe(englishOf(refused));
  });

  it('shows the key itself, not an empty line, for a key the catalogs lack', async () => {
    await i18n.changeLanguage('de');
    const unknown = { key: 'sync.error.notYetKnown', values: { host: 'x' } } as unknown as UserText;
    expect(translateUserText(unknown)).toBe('sync.error.notYetKnown');
  });

  it('the bridge refuses a sentence, an unknown key, a bad value name and nesting deeper than three', () => {
    expect(userTextSchema.safeParse(refused).success).toBe(true);
    expect(userTextSchema.safeParse('crm.example.com refused to send the cases page').success).toBe(false);
    const unknown = userTextSchema.safeParse({ key: 'sync.error.noSuchThing' });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain('is not a message key main knows');
    expect(userTextSchema.safeParse({ key: 'agent.storeFailed', values: { 'not a name': 1 } }).success).toBe(false);
    let nested: UserText = userText('sync.subject.casesPage');
    for (let depth = 0; depth < 4; depth += 1) nested = userText('sync.error.sendRefused', { host: 'h', what: nested, status: 500 });
    expect(userTextSchema.safeParse(nested).success).toBe(false);
  });

  it('knows plural keys by their base name, and leaves an unfilled placeholder as written', () => {
    expect(isTextKey('agent.restore.owed')).toBe(true);
    expect(isTextKey('agent.restore.owed_one')).toBe(true);
    expect(isTextKey('agent.restore')).toBe(false);
    const text = { key: 'm', values: { b: 2500.5 } } as unknown as UserText;
    expect(translateIn(() => ({ m: '{{a}} and {{b, number}}' }), text, 'en')).toBe('{{a}} and 2,500.5');
  });
});
