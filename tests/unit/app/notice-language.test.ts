import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../../shared/app/contract';
import type { EventEnvelope } from '../../../shared/bridge/envelopes';
import { englishOf, userText } from '../../../shared/text/user-text';
import { BridgeServer } from '../../../electron/bridge/bridge-server';
import { ClickToDialService } from '../../../electron/click-to-dial/service';
import { createRecordingPlatform } from '../../../electron/core/platform-services';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { takenNotice } from '../../../electron/platform/global-hotkeys';
import { i18n, translateUserText } from '../../../renderer/src/i18n';

// Main sends a notice as a key and its values; the window shows it in the agent's language. These
// drive real emitters through the real bridge (which refuses a message with an unknown key) and
// translate what arrives, as app/Notices.tsx does.

function noticesThroughBridge(raise: (bridge: BridgeServer) => void): Notice[] {
  const bridge = new BridgeServer({ log: createLogger(createMemorySink().sink) });
  const events: EventEnvelope[] = [];
  bridge.connect({ id: 'w', sendEvent: (e) => events.push(e), sendMedia: () => undefined });
  raise(bridge);
  return events.filter((e) => e.channel === 'app.notice').map((e) => e.payload as Notice);
}

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('notices from main in the window’s language', () => {
  it('a refused phone link: the notice and its reason are German, and English is what main logs', async () => {
    const [notice] = noticesThroughBridge((bridge) => {
      const service = new ClickToDialService({ bridge, platform: createRecordingPlatform(), log: createLogger(createMemorySink().sink) });
      service.offer('tel:+1555 1234', 'os');
    });
    expect(notice?.level).toBe('warning');
    await i18n.changeLanguage('en');
    expect(translateUserText(notice!.message)).toBe(englishOf(notice!.message));
    await i18n.changeLanguage('de');
    expect(translateUserText(notice!.message)).toBe(
      'Ein Anruf-Link wurde nicht verwendet: Der Link enthält Leerzeichen, Steuerzeichen oder Zeichen, die nur wie Ziffern aussehen.',
    );
  });

  it('a limit in the reason is filled in, in German too', async () => {
    const [notice] = noticesThroughBridge((bridge) => {
      const service = new ClickToDialService({ bridge, platform: createRecordingPlatform(), log: createLogger(createMemorySink().sink) });
      service.offer('tel:+1234567890123456', 'os');
    });
    await i18n.changeLanguage('de');
    expect(translateUserText(notice!.message)).toBe(
      'Ein Anruf-Link wurde nicht verwendet: Eine internationale Nummer hat 3 bis 15 Ziffern.',
    );
  });

  it('taken global hotkeys: the plural, the list and each action are German', async () => {
    const message = takenNotice(
      [
        { action: 'answer', accelerator: 'CommandOrControl+Alt+A' },
        { action: 'hold', accelerator: 'F14' },
      ],
      'win32',
    )!;
    const [notice] = noticesThroughBridge((bridge) => bridge.emit('app.notice', { id: 'global-hotkeys', level: 'warning', message }));
    await i18n.changeLanguage('de');
    expect(translateUserText(notice!.message)).toMatch(
      /^Globale Tastenkürzel nicht verfügbar: Ctrl\+Alt\+A \(Annehmen\), F14 \(Halten \/ fortsetzen\) werden bereits von einer anderen Anwendung verwendet\./,
    );
  });

  it('a plural with a count chooses the German form', async () => {
    await i18n.changeLanguage('de');
    expect(translateUserText(userText('agent.restore.cutOff', { count: 1 }))).toMatch(/^Switchboard wurde während eines Anrufs neu/);
    expect(translateUserText(userText('agent.restore.cutOff', { count: 3 }))).toMatch(/^Switchboard wurde während 3 Anrufen neu/);
  });

  it('an optional part left empty leaves no placeholder behind', async () => {
    const chainStep = userText('escalation.chainStep', {
      what: userText('escalation.what.toGroup', { priority: 'P1', group: 'Network operations' }),
      after: '',
      role: userText('escalation.roles.team-lead'),
      contact: '',
    });
    expect(englishOf(chainStep)).toBe('P1 escalation to Network operations is unresolved: Team Lead is now involved.');
    await i18n.changeLanguage('de');
    expect(translateUserText(chainStep)).toBe('P1-Eskalation an Network operations ist ungelöst: Teamleitung ist jetzt eingebunden.');
  });
});
