import { describe, expect, it } from 'vitest';
import { describeLoadStages } from '../../../renderer/src/features/sync/load-stages';
import type { FeedStage, SyncStatus } from '../../../shared/sync/contract';

/** The status strip's words while a connector loads the open records first and the history after. */

const history = (done: number, total: number | null, reachedAt: number | null): FeedStage => ({ stage: 'history', done, total, reachedAt });
const zendesk = (customers: FeedStage | null, cases: FeedStage | null): Pick<SyncStatus, 'connector' | 'stages'> => ({
  connector: 'zendesk',
  stages: { customers, cases },
});
const MARCH_2023 = Date.UTC(2023, 2, 3, 12);
const say = (status: Pick<SyncStatus, 'connector' | 'stages'>) => describeLoadStages(status, 'en-GB');

describe('how far the first load has got, in the agent’s words', () => {
  it('says the open tickets come first while they load', () => {
    expect(say(zendesk({ stage: 'open' }, null))).toEqual({ text: 'Loading open tickets first', bar: null });
    expect(say(zendesk(history(0, null, null), { stage: 'open' }))?.text).toBe('Loading open tickets first');
  });

  it('says the open tickets are ready and the history comes next, before it starts', () => {
    expect(say(zendesk(history(0, null, null), history(0, null, null)))).toEqual({
      text: 'Open tickets ready · full history next',
      bar: null,
    });
  });

  it('counts the history against Zendesk’s approximate total, with the date it has reached, and what follows', () => {
    expect(say(zendesk(history(50_000, 200_000, MARCH_2023), history(0, null, null)))).toEqual({
      text: 'Open tickets ready · history: 50,000 of ≈200,000 users (up to 3 Mar 2023), then tickets',
      bar: { done: 50_000, total: 200_000 },
    });
    expect(say(zendesk({ stage: 'complete' }, history(120_000, 1_000_000, MARCH_2023)))).toEqual({
      text: 'Open tickets ready · history: 120,000 of ≈1,000,000 tickets (up to 3 Mar 2023)',
      bar: { done: 120_000, total: 1_000_000 },
    });
  });

  it('without a total (or past the approximate one) says how many so far, and shows no bar it cannot fill honestly', () => {
    expect(say(zendesk({ stage: 'complete' }, history(120_000, null, MARCH_2023)))).toEqual({
      text: 'Open tickets ready · history: 120,000 tickets so far (up to 3 Mar 2023)',
      bar: null,
    });
    expect(say(zendesk({ stage: 'complete' }, history(1_000_010, 1_000_000, MARCH_2023)))?.text).toBe(
      'Open tickets ready · history: 1,000,010 tickets so far (up to 3 Mar 2023)',
    );
  });

  it('does not claim the open tickets are ready before every feed has reported (just after a restart)', () => {
    expect(say(zendesk(history(50_000, null, MARCH_2023), null))?.text).toBe('History: 50,000 users so far (up to 3 Mar 2023)');
    expect(say(zendesk(null, history(0, null, null)))?.text).toBe('Full history next');
  });

  it('says nothing once the history is complete, or for a connector that loads in one go', () => {
    expect(say(zendesk({ stage: 'complete' }, { stage: 'complete' }))).toBeNull();
    expect(say({ connector: 'switchboard-sync', stages: null })).toBeNull();
  });

  it("uses the app's words for a CRM it has no words of its own for", () => {
    expect(say({ connector: 'switchboard-sync', stages: { customers: { stage: 'complete' }, cases: history(10, 20, null) } })?.text).toBe(
      'Open cases ready · history: 10 of ≈20 cases',
    );
  });

  it('speaks the window’s language, with its number and date formats', () => {
    expect(describeLoadStages(zendesk({ stage: 'complete' }, history(120_000, 1_000_000, MARCH_2023)), 'de-DE')).toEqual({
      text: 'Offene Tickets bereit · Verlauf: 120.000 von ≈1.000.000 Tickets (bis 03.03.2023)',
      bar: { done: 120_000, total: 1_000_000 },
    });
    expect(describeLoadStages(zendesk(history(50_000, 200_000, MARCH_2023), history(0, null, null)), 'de')?.text).toBe(
      'Offene Tickets bereit · Verlauf: 50.000 von ≈200.000 Benutzer (bis 03.03.2023), danach Tickets',
    );
  });
});
