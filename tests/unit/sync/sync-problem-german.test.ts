import { afterEach, describe, expect, it } from 'vitest';
import { oauthErrors } from '../../../electron/auth/oauth-error';
import { silentLogger } from '../../../electron/logging/logger';
import { Connectivity } from '../../../electron/sync/connectivity';
import { networkError } from '../../../electron/sync/http-client';
import { ssoViewSchema } from '../../../shared/sso/contract';
import { syncStatusSchema } from '../../../shared/sync/contract';
import { englishOf } from '../../../shared/text/user-text';
import { i18n, translateUserText } from '../../../renderer/src/i18n';

const problemOnTheBridge = syncStatusSchema.shape.problem;
const zendesk = { id: 'zendesk', name: 'Zendesk' };

/** The sync status's problem after `error`, as main composes it, with `waiting` items not yet sent. */
function problemAfter(error: ReturnType<typeof networkError>, waiting: number) {
  const connectivity = new Connectivity({
    log: silentLogger,
    now: () => 0,
    probeBackoff: { baseMs: 1_000, capMs: 60_000 },
    // No connector: the failure is recorded, no probe is scheduled.
    link: () => null,
    closed: () => false,
    host: () => 'crm.example.com',
    waiting: () => waiting,
    changed: () => undefined,
    reconnected: () => undefined,
    unauthorized: () => undefined,
  });
  connectivity.failed(error);
  return problemOnTheBridge.parse(connectivity.problem);
}

describe('the sync strip and the sign-in say what is wrong in the agent’s language', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('shows an unreachable sync server in German, the count of waiting items in the plural, and in English again', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const problem = problemAfter(networkError(refused, 'crm.example.com'), 2)!;
    const english =
      'Offline: Cannot reach crm.example.com: the connection was refused (ECONNREFUSED). Work is saved on this computer. 2 items will be sent when it is back.';
    expect(englishOf(problem)).toBe(english);

    await i18n.changeLanguage('de');
    expect(translateUserText(problem)).toBe(
      'Offline: crm.example.com ist nicht erreichbar: die Verbindung wurde abgelehnt (ECONNREFUSED). Ihre Arbeit ist auf diesem Computer gespeichert. 2 Einträge werden gesendet, sobald die Verbindung wieder besteht.',
    );
    expect(translateUserText(problemAfter(networkError(refused, 'crm.example.com'), 1)!)).toMatch(
      /1 Eintrag wird gesendet, sobald die Verbindung wieder besteht\.$/,
    );

    await i18n.changeLanguage('en');
    expect(translateUserText(problem)).toBe(english);
  });

  it('shows a sign-in that ran out of time in German, with its duration translated too', async () => {
    const view = ssoViewSchema.parse({
      configured: true,
      required: true,
      signedIn: false,
      signingIn: false,
      agent: null,
      problem: oauthErrors.timeout(zendesk, 5 * 60_000).text,
    });
    expect(englishOf(view.problem!)).toBe('Sign-in to Zendesk was not finished within 5 minutes; start it again.');
    await i18n.changeLanguage('de');
    expect(translateUserText(view.problem!)).toBe(
      'Die Anmeldung bei Zendesk wurde nicht innerhalb von 5 Minuten abgeschlossen; starten Sie sie erneut.',
    );
  });

  it('keeps a provider’s own reason as it sent it, inside the German sentence', async () => {
    const refused = oauthErrors.refused(zendesk, 'weird_error', 'Account suspended by admin.');
    await i18n.changeLanguage('de');
    expect(translateUserText(refused.text)).toBe('Zendesk hat die Anmeldung abgelehnt: Account suspended by admin.');
  });

  it('refuses a problem that is an English sentence instead of a message key', () => {
    expect(problemOnTheBridge.safeParse('Offline: Cannot reach crm.example.com').success).toBe(false);
    expect(ssoViewSchema.shape.problem.safeParse('You are not signed in.').success).toBe(false);
  });
});
