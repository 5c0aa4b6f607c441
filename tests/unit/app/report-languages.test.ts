import { describe, expect, it } from 'vitest';
import { BridgeServer, type RendererLink } from '../../../electron/bridge/bridge-server';
import { createAppFeature } from '../../../electron/core/app-feature';
import { mountFeature } from '../../../electron/core/feature';
import { MainLanguage } from '../../../electron/core/main-language';
import { createRecordingPlatform } from '../../../electron/core/platform-services';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { userText } from '../../../shared/text/user-text';

const INFO = { name: 'Switchboard', version: '0.0.0', host: 'web' as const, platform: 'linux', startedAt: 0 };
const INCOMING = { title: userText('notification.call.incoming'), body: userText('notification.call.caller', { number: '2001' }) };

function setup() {
  const log = createLogger(createMemorySink().sink);
  const bridge = new BridgeServer({ log });
  const platform = createRecordingPlatform('web');
  mountFeature(bridge, createAppFeature({ bridge, info: INFO, log, platform }));
  const page: RendererLink = { id: 'web-1', sendEvent: () => undefined, sendMedia: () => undefined };
  bridge.connect(page);
  return { bridge, platform, page };
}

describe("the web page's languages (app.reportLanguages)", () => {
  it('make what main shows itself German for an agent on "system" whose browser prefers German', async () => {
    const { bridge, platform, page } = setup();
    platform.language.followSetting(() => 'system');
    platform.notify(INCOMING);
    expect(await bridge.handleCommand(page, 'app.reportLanguages', { languages: ['de-AT', 'en-GB'] })).toEqual({ ok: true, result: {} });
    platform.notify(INCOMING);
    expect(platform.notifications.map((n) => n.title)).toEqual(['Incoming call', 'Eingehender Anruf']);
  });

  it("do not override the agent's own setting", async () => {
    const { bridge, platform, page } = setup();
    platform.language.followSetting(() => 'en');
    await bridge.handleCommand(page, 'app.reportLanguages', { languages: ['de'] });
    platform.notify(INCOMING);
    expect(platform.notifications[0]?.title).toBe('Incoming call');
  });

  it('are refused when they are not language tags, or too many', async () => {
    const { bridge, platform, page } = setup();
    platform.language.followSetting(() => 'system');
    const notATag = await bridge.handleCommand(page, 'app.reportLanguages', { languages: ['de<script>'] });
    expect(notATag).toMatchObject({ ok: false });
    expect(JSON.stringify(notATag)).toContain('is not a language tag');
    expect(await bridge.handleCommand(page, 'app.reportLanguages', { languages: Array(17).fill('de') })).toMatchObject({ ok: false });
    platform.notify(INCOMING);
    expect(platform.notifications[0]?.title).toBe('Incoming call');
  });
});

describe("main's language on the desktop", () => {
  it('follows the OS for "system", and English when the OS cannot say', () => {
    const language = new MainLanguage(() => ['de-DE']);
    language.followSetting(() => 'system');
    expect(language.current()).toBe('de');
    const failing = new MainLanguage(() => {
      throw new Error('no OS answer');
    });
    expect(failing.current()).toBe('en');
  });
});
