import { afterEach, describe, expect, it } from 'vitest';
import { openAgentReminders } from '../../../electron/agent/callback-reminders';
import { createRecordingPlatform } from '../../../electron/core/platform-services';
import { silentLogger } from '../../../electron/logging/logger';
import type { Notice } from '../../../shared/app/contract';
import type { Callback } from '../../../shared/store/types';
import { englishOf } from '../../../shared/text/user-text';
import { i18n, translateUserText } from '../../../renderer/src/i18n';
import { manualScheduler } from '../../support/manual-scheduler';

const MIN = 60_000;
/** 14:30 in whatever zone the test runs in: a reminder names the time of day where the agent is. */
const DUE = new Date(2026, 11, 7, 14, 30).getTime();

function callback(over: Partial<Callback> = {}): Callback {
  return {
    id: 'cb-1',
    interactionId: null,
    customerId: 'C-1',
    caseId: null,
    number: '+442079460018',
    dueAt: DUE,
    remindAt: DUE - 5 * MIN,
    note: 'Refund',
    state: 'scheduled',
    outcome: null,
    handBackReason: null,
    completedAt: null,
    createdAt: 1,
    updatedAt: 1,
    ...over,
  };
}

async function remindersIn(setting: string) {
  const clock = manualScheduler(DUE - 10 * MIN);
  const notices: Notice[] = [];
  const platform = createRecordingPlatform();
  platform.language.followSetting(() => setting);
  const reminders = await openAgentReminders({
    store: { listCallbacks: () => Promise.resolve([callback()]) },
    scheduler: clock.scheduler,
    log: silentLogger,
    notify: (n) => notices.push(n),
    platform,
  });
  return { clock, notices, platform, reminders };
}

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('a callback reminder names its time as the agent’s language writes it', () => {
  it('in German: 14:30, in the window’s notice and in the OS notification', async () => {
    const { clock, notices, platform, reminders } = await remindersIn('de');
    await clock.advance(5 * MIN);
    reminders.close();
    expect(platform.notifications).toEqual([
      { title: 'Rückruf fällig', body: 'Rückruf fällig um 14:30: siehe Meine Rückrufe.', tag: 'callback-cb-1' },
    ]);
    await i18n.changeLanguage('de');
    expect(translateUserText(notices[0]!.message)).toBe('Rückruf fällig um 14:30: siehe Meine Rückrufe.');
  });

  it('in the window’s language, whatever language main writes its own text in', async () => {
    const { clock, notices, reminders } = await remindersIn('en');
    await clock.advance(5 * MIN);
    reminders.close();
    await i18n.changeLanguage('de');
    expect(translateUserText(notices[0]!.message)).toBe('Rückruf fällig um 14:30: siehe Meine Rückrufe.');
  });

  it('in English: 2:30 PM', async () => {
    const { clock, notices, reminders } = await remindersIn('en');
    await clock.advance(5 * MIN);
    reminders.close();
    expect(englishOf(notices[0]!.message)).toMatch(/^Callback due at 2:30\sPM: see My callbacks\.$/);
  });
});
