import { describe, expect, it } from 'vitest';
import { createRecordingPlatform, type PlatformServices } from '../../../electron/core/platform-services';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { drawRingAttention, ringAttention, windowStateOf } from '../../../electron/telephony/ring-attention';
import { userText } from '../../../shared/text/user-text';

const ring = (focusOnRing: boolean) => ({
  callId: 'c1',
  notification: {
    title: userText('notification.call.incoming'),
    body: userText('notification.call.namedCaller', { name: 'Ada Lovelace', number: '+441234567890' }),
    tag: 'call-c1',
  },
  focusOnRing,
});

describe('ringAttention: what an incoming call may do outside the app', () => {
  it('leaves an agent working in the window alone: no notification, no focus change', () => {
    expect(ringAttention({ windowState: 'focused', focusOnRing: true })).toEqual({ notify: false, focus: false });
    expect(ringAttention({ windowState: 'focused', focusOnRing: false })).toEqual({ notify: false, focus: false });
  });

  it('notifies and raises a window that is behind, hidden or minimized', () => {
    expect(ringAttention({ windowState: 'unfocused', focusOnRing: true })).toEqual({ notify: true, focus: true });
  });

  it('with focusOnRing off, still notifies but leaves the window where it is', () => {
    expect(ringAttention({ windowState: 'unfocused', focusOnRing: false })).toEqual({ notify: true, focus: false });
  });

  it('treats a host that cannot tell as not in front: a notification too many beats a missed call', () => {
    expect(ringAttention({ windowState: 'unknown', focusOnRing: true })).toEqual({ notify: true, focus: true });
  });
});

describe('drawRingAttention on a host', () => {
  it('shows nothing and takes no focus while the agent is in the window', () => {
    const platform = createRecordingPlatform('electron');
    platform.focused = true;
    const { sink } = createMemorySink();
    drawRingAttention(platform, ring(true), createLogger(sink));
    expect(platform.notifications).toEqual([]);
    expect(platform.focusCount).toBe(0);
  });

  it('notifies with the caller and raises the window when the agent is elsewhere', () => {
    const platform = createRecordingPlatform('electron');
    const { sink } = createMemorySink();
    drawRingAttention(platform, ring(true), createLogger(sink));
    expect(platform.notifications).toEqual([{ title: 'Incoming call', body: 'Ada Lovelace · +441234567890', tag: 'call-c1' }]);
    expect(platform.focusCount).toBe(1);
  });

  it("notifies in the agent's language", () => {
    const platform = createRecordingPlatform('electron');
    platform.language.followSetting(() => 'de');
    drawRingAttention(platform, ring(true), createLogger(createMemorySink().sink));
    expect(platform.notifications).toEqual([{ title: 'Eingehender Anruf', body: 'Ada Lovelace · +441234567890', tag: 'call-c1' }]);
  });

  it('on "system", notifies in the language the web page reports (app.reportLanguages)', () => {
    const platform = createRecordingPlatform('web');
    platform.language.followSetting(() => 'system');
    platform.language.reportPageLanguages(['de-CH', 'en']);
    drawRingAttention(platform, ring(true), createLogger(createMemorySink().sink));
    expect(platform.notifications[0]?.title).toBe('Eingehender Anruf');
  });

  it('follows the page as the web shell hears it (app.windowFocus)', () => {
    const platform = createRecordingPlatform('web');
    const { sink } = createMemorySink();
    platform.reportWindowFocus?.(true);
    drawRingAttention(platform, ring(true), createLogger(sink));
    platform.reportWindowFocus?.(false);
    drawRingAttention(platform, ring(false), createLogger(sink));
    expect(platform.notifications).toHaveLength(1);
    expect(platform.focusCount).toBe(0);
  });

  it('logs the decision without the caller', () => {
    const platform = createRecordingPlatform('electron');
    const { sink, records } = createMemorySink();
    drawRingAttention(platform, ring(false), createLogger(sink));
    const line = records.find((r) => r.message === 'ring attention');
    expect(line?.fields).toMatchObject({ callId: 'c1', window: 'unfocused', notify: true, focus: false });
    expect(JSON.stringify(records)).not.toMatch(/Ada|441234567890/);
  });

  it('reads a host without the question, or one whose answer fails, as unknown', () => {
    const bare: Pick<PlatformServices, 'windowFocused'> = {};
    expect(windowStateOf(bare)).toBe('unknown');
    expect(
      windowStateOf({
        windowFocused: () => {
          throw new Error('window gone');
        },
      }),
    ).toBe('unknown');
  });
});
