import { afterEach, describe, expect, it } from 'vitest';
import { sourceText } from '../../../electron/policy/registry';
import { policyViewSchema, type PolicyView } from '../../../shared/policy/contract';
import { resolvePolicy, type PolicySourceReading } from '../../../shared/policy/resolve';
import { englishOf } from '../../../shared/text/user-text';
import { i18n, translateUserText } from '../../../renderer/src/i18n';

// The rules of the schemas IT's JSON policies are checked by (workflow catalogs, the Salesforce
// mapping, hotkeys, alert webhooks) say what is wrong as messages, so Settings shows a refusal in
// the agent's language naming the entry and the limit. These resolve real readings, pass the
// problems through the bridge's schema (which refuses an unknown key or nesting too deep) and
// translate what arrives, as Settings does.

const FILE = '/etc/switchboard/policy.json';

function problemsOf(enforced: Record<string, unknown>): PolicyView['problems'] {
  const reading: PolicySourceReading = { source: FILE, defaults: {}, enforced, problems: [] };
  return policyViewSchema.parse({ entries: [], problems: resolvePolicy([reading]).problems, sources: [] }).problems;
}

async function inGerman(messages: PolicyView['problems']): Promise<string[]> {
  await i18n.changeLanguage('de');
  return messages.map((p) => translateUserText(p.message));
}

const code = (c: string, label = 'Billing question') => ({ code: c, label, category: 'Billing' });

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('a JSON policy refused by its own rules reads in the agent’s language', () => {
  it('a wrap-up catalog names the entry at fault and what repeats, in English and in German', async () => {
    const problems = problemsOf({ wrapUpCodes: [code('BILL'), code('bill', 'Billing <b>'), { ...code('X Y'), active: false }] });
    expect(problems.map((p) => englishOf(p.message))).toEqual([
      `Policy "wrapUpCodes" in ${FILE} (enforced) is not valid: [1].label: must be plain text (no "<", ">" or control characters); ` +
        `[2].code: use letters, digits, "-", "_" or "." (no spaces), starting with a letter or digit; ` +
        `[1]: duplicate wrap-up code "bill" (also at position 1). It stays unset.`,
    ]);
    expect(await inGerman(problems)).toEqual([
      `Die Richtlinie „wrapUpCodes“ in ${FILE} (enforced) ist ungültig: [1].label: muss reiner Text sein (kein „<“, „>“ und keine Steuerzeichen); ` +
        `[2].code: verwenden Sie Buchstaben, Ziffern, „-“, „_“ oder „.“ (keine Leerzeichen), beginnend mit einem Buchstaben oder einer Ziffer; ` +
        `[1]: doppelter Nachbearbeitungscode „bill“ (auch an Position 1). Sie bleibt nicht festgelegt.`,
    ]);
  });

  it('a guided script and an escalation chain name their limit in German', async () => {
    const [script, chain] = problemsOf({
      guidedScripts: [{ id: 'refund', title: 'Refund', targetSeconds: 7200, steps: [{ id: 's1', label: 'Confirm the order' }] }],
      escalationMatrix: {
        tiers: [{ id: 'T1', name: 'Tier 1', groups: [{ id: 'G', name: 'Billing', phone: '+4930123' }] }],
        chain: [
          { role: 'team-lead', afterMinutes: 60 },
          { role: 'service-manager', afterMinutes: 30 },
        ],
      },
    });
    expect(englishOf(script!.message)).toContain('[0].targetSeconds: must be at most 3600 seconds (an hour)');
    expect(englishOf(chain!.message)).toContain('chain[1].afterMinutes: must be later than the previous step (60 min)');
    const [scriptDe, chainDe] = await inGerman([script!, chain!]);
    expect(scriptDe).toContain('[0].targetSeconds: darf höchstens 3600 Sekunden (eine Stunde) betragen');
    expect(chainDe).toContain('chain[1].afterMinutes: muss später als der vorherige Schritt liegen (60 Min.)');
  });

  it("a bound or field zod checks without a message of the schema's own names the limit in German too", async () => {
    const [acw] = problemsOf({ afterCallWork: { seconds: 7200, extensionStepSeconds: 2.5, colour: 'red' } });
    expect(englishOf(acw!.message)).toBe(
      `Policy "afterCallWork" in ${FILE} (enforced) is not valid: ` +
        'seconds: must be at most 3600; extensionStepSeconds: must be a whole number; has a field it does not know: "colour". ' +
        'It stays unset.',
    );
    const [german] = await inGerman([acw!]);
    expect(german).toContain(
      'seconds: darf höchstens 3600 sein; extensionStepSeconds: muss eine ganze Zahl sein; hat ein Feld, das es nicht kennt: "colour"',
    );
  });

  it('a Salesforce field mapping says which field and which limit, in German', async () => {
    const problems = problemsOf({
      salesforceFieldMapping: { contact: { phones: [], email: 'E-mail' }, case: { subject: 'Subject' } },
    });
    expect(problems).toHaveLength(1);
    const english = englishOf(problems[0]!.message);
    expect(english).toContain('contact.email: must be a Salesforce field API name such as MobilePhone or Tier__c');
    expect(english).toContain('contact.phones: needs at least one phone field (the screen pop finds customers by number)');
    const [german] = await inGerman(problems);
    expect(german).toContain('contact.email: muss ein Salesforce-Feld-API-Name wie MobilePhone oder Tier__c sein');
    expect(german).toContain('contact.phones: braucht mindestens ein Telefonfeld (der Screen-Pop findet Kunden über die Nummer)');
    expect(german).not.toMatch(/must|needs/);
  });

  it('hotkeys and alert webhooks quote what IT wrote and say why, in German', async () => {
    const [hotkeys, alerts] = problemsOf({
      globalHotkeys: { answer: 'CmdOrCtrl+C', mute: 'Command+M' },
      slaAlertWebhooks: {
        webhooks: { 'ops-slack': { kind: 'slack', url: 'https://hooks.slack.com/services/T/B/x' } },
        routes: { P1: { 'resolve-overdue': ['ops-teams'] } },
      },
    });
    expect(englishOf(hotkeys!.message)).toContain(
      'answer: "CommandOrControl+C" is copy in every application: choose another; mute: "Command+M" uses Command, which exists on macOS only: write CommandOrControl',
    );
    expect(englishOf(alerts!.message)).toContain('routes.P1.resolve-overdue[0]: names "ops-teams", which is not in webhooks');
    const [hotkeysDe, alertsDe] = await inGerman([hotkeys!, alerts!]);
    expect(hotkeysDe).toContain(
      'answer: „CommandOrControl+C“ ist in jeder Anwendung Kopieren: wählen Sie eine andere; mute: „Command+M“ verwendet Command, das es nur unter macOS gibt: schreiben Sie CommandOrControl',
    );
    expect(alertsDe).toContain('routes.P1.resolve-overdue[0]: nennt „ops-teams“, das nicht unter webhooks steht');
  });

  it('the machine policy that could not be read is named as such in German, and as a path otherwise', async () => {
    const failed = sourceText('HKLM\\Software\\Policies\\Switchboard (could not be read: restrictive settings)');
    expect(englishOf(failed)).toBe('HKLM\\Software\\Policies\\Switchboard (could not be read: restrictive settings)');
    await i18n.changeLanguage('de');
    expect(translateUserText(failed)).toBe('HKLM\\Software\\Policies\\Switchboard (nicht lesbar: restriktive Einstellungen)');
    expect(translateUserText(sourceText(FILE))).toBe(FILE);
  });
});
