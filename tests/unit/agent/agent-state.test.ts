import { describe, expect, it } from 'vitest';
import { englishOf } from '../../../shared/text/user-text';
import {
  agentStateSchema,
  deriveStatus,
  initialAgentState,
  type AgentEffect,
  type AgentEvent,
  type AgentState,
} from '../../../shared/agent/agent-state';
import { nextAgentDeadline, transition } from '../../../shared/agent/agent-state-transition';
import { viewAgent } from '../../../shared/agent/agent-state-view';
import { agentPolicy, config, MIN, refused as refusedWithText, run, SEC, T0 } from '../workflow/fixtures';
import { withoutTexts } from './without-texts';

/** The refusal's code and English (its message for the window: tests/unit/agent/refusal-texts.test.ts). */
const refused = (...args: Parameters<typeof refusedWithText>) => withoutTexts(refusedWithText(...args));

const offline = initialAgentState(T0);
const ready = run(offline, [{ type: 'log-in', at: T0 }]).state;
const notReady = run(offline, [{ type: 'log-in', at: T0, reason: 'break' }]).state;

const offer = (at: number, n = 1): AgentEvent => ({ type: 'call-offered', at, callId: `c${n}`, interactionId: `i${n}` });
const answer = (at: number, n = 1): AgentEvent => ({ type: 'call-answered', at, callId: `c${n}` });
const end = (at: number, n = 1): AgentEvent => ({ type: 'call-ended', at, callId: `c${n}` });
const dial = (at: number, n = 1, purpose?: 'customer' | 'consult'): AgentEvent => ({
  type: 'dial',
  at,
  callId: `c${n}`,
  interactionId: `i${n}`,
  ...(purpose ? { purpose } : {}),
});
const submit = (at: number, n = 1): AgentEvent => ({ type: 'wrap-up-submitted', at, interactionId: `i${n}` });

/** Ready agent, inbound call answered at +5 s and ended at +65 s: in Wrap-up. */
function inWrapUp(policy = agentPolicy(), from: AgentState = ready) {
  return run(from, [offer(T0 + 1 * SEC), answer(T0 + 5 * SEC), end(T0 + 65 * SEC)], policy);
}

const ofType = <T extends AgentEffect['type']>(effects: AgentEffect[], type: T) =>
  effects.filter((e): e is Extract<AgentEffect, { type: T }> => e.type === type);

describe('logging in and out', () => {
  it('starts Offline and logs in to Ready, or to Not ready with a reason', () => {
    expect(offline.status).toBe('offline');
    expect(ready).toMatchObject({ status: 'ready', presence: 'ready', reason: null, statusSince: T0 });
    expect(notReady).toMatchObject({ status: 'not-ready', presence: 'not-ready', reason: 'break' });
  });

  it('refuses to log in twice', () => {
    expect(refused(ready, { type: 'log-in', at: T0 + 1 })).toEqual({ code: 'already-logged-in', message: 'You are already logged in.' });
  });

  it('refuses unknown, retired and system reasons with a message naming them', () => {
    expect(refused(offline, { type: 'log-in', at: T0, reason: 'nap' })).toEqual({
      code: 'unknown-reason',
      message: 'Not-ready reason "nap" does not exist. Choose another.',
    });
    expect(refused(ready, { type: 'set-not-ready', at: T0, reason: 'missed-call' })).toEqual({
      code: 'unknown-reason',
      message: '"Missed call" is set by the system and cannot be chosen.',
    });
    const reasons = config.notReadyReasons.map((r) => (r.code === 'lunch' ? { ...r, active: false } : r));
    expect(refused(ready, { type: 'set-not-ready', at: T0, reason: 'lunch' }, agentPolicy({ reasons }))).toEqual({
      code: 'unknown-reason',
      message: '"Lunch" is no longer in use. Choose another reason.',
    });
  });

  it('logs out from Ready and Not ready', () => {
    expect(run(ready, [{ type: 'log-out', at: T0 + MIN }]).state).toMatchObject({
      status: 'offline',
      presence: 'offline',
      reason: null,
      statusSince: T0 + MIN,
    });
    expect(run(notReady, [{ type: 'log-out', at: T0 + MIN }]).state.status).toBe('offline');
  });

  it('refuses to log out when already out, during a call, while ringing, or in a mandatory wrap-up', () => {
    expect(refused(offline, { type: 'log-out', at: T0 }).code).toBe('logged-out');
    const ringing = run(ready, [offer(T0)]).state;
    expect(refused(ringing, { type: 'log-out', at: T0 + 1 })).toEqual({
      code: 'call-in-progress',
      message: 'End your call before you log out.',
    });
    const onCall = run(ringing, [answer(T0 + 1)]).state;
    expect(refused(onCall, { type: 'log-out', at: T0 + 2 }).code).toBe('call-in-progress');
    expect(refused(inWrapUp().state, { type: 'log-out', at: T0 + 70 * SEC })).toEqual({
      code: 'wrap-up-required',
      message: 'Choose a wrap-up code before you log out.',
    });
  });

  it('logs out of a wrap-up that is not mandatory, keeping the draft owed', () => {
    const policy = agentPolicy({ acw: { onExpiry: 'ready' } });
    const { state, effects } = run(inWrapUp(policy).state, [{ type: 'log-out', at: T0 + 80 * SEC }], policy);
    expect(state).toMatchObject({ status: 'offline', acw: null });
    expect(state.owed.map((o) => o.interactionId)).toEqual(['i1']);
    expect(ofType(effects, 'acw-ended')).toEqual([
      { type: 'acw-ended', at: T0 + 80 * SEC, cause: 'logged-out', afterCallWork: [{ interactionId: 'i1', seconds: 15 }] },
    ]);
  });
});

describe('presence changes', () => {
  it('switches between Ready and Not ready and changes the reason', () => {
    const a = run(ready, [{ type: 'set-not-ready', at: T0 + MIN, reason: 'lunch' }]).state;
    expect(a).toMatchObject({ status: 'not-ready', reason: 'lunch', presenceSince: T0 + MIN, statusSince: T0 + MIN });
    const b = run(a, [{ type: 'set-not-ready', at: T0 + 2 * MIN, reason: 'meeting' }]).state;
    expect(b).toMatchObject({ status: 'not-ready', reason: 'meeting', presenceSince: T0 + 2 * MIN, statusSince: T0 + MIN });
    expect(run(b, [{ type: 'set-ready', at: T0 + 3 * MIN }]).state).toMatchObject({ status: 'ready', reason: null });
  });

  it('shows the reason with its reminder time (a 15-minute break) and whether it is productive', () => {
    const policy = agentPolicy();
    const onBreak = run(ready, [{ type: 'set-not-ready', at: T0 + MIN, reason: 'break' }], policy).state;
    expect(viewAgent(onBreak, T0 + 2 * MIN, policy).reason).toEqual({
      code: 'break',
      label: 'Break',
      productive: false,
      reminderAt: T0 + 16 * MIN,
    });
    const training = run(ready, [{ type: 'set-not-ready', at: T0 + MIN, reason: 'training' }], policy).state;
    expect(viewAgent(training, T0 + 2 * MIN, policy).reason).toEqual({
      code: 'training',
      label: 'Training',
      productive: true,
      reminderAt: null,
    });
    expect(viewAgent(ready, T0, policy)).toMatchObject({
      reason: null,
      after: null,
      statusLabel: { key: 'agent.status.ready' },
      takesCalls: true,
    });
  });

  it('treats a second Ready as no change (double click)', () => {
    const again = run(ready, [{ type: 'set-ready', at: T0 + MIN }]).state;
    expect(again.presenceSince).toBe(T0);
    expect(again.statusSince).toBe(T0);
  });

  it('refuses presence changes while logged out', () => {
    expect(refused(offline, { type: 'set-ready', at: T0 })).toEqual({ code: 'logged-out', message: 'Log in first.' });
    expect(refused(offline, { type: 'set-not-ready', at: T0, reason: 'break' }).code).toBe('logged-out');
  });

  it('applies Not ready chosen during a call after the wrap-up ("Not ready after this call")', () => {
    const policy = agentPolicy();
    const onCall = run(ready, [offer(T0), answer(T0 + SEC), { type: 'set-not-ready', at: T0 + 10 * SEC, reason: 'break' }], policy).state;
    expect(onCall).toMatchObject({ status: 'on-call', presence: 'not-ready', reason: 'break' });
    expect(viewAgent(onCall, T0 + 11 * SEC, policy).after).toBe('not-ready');
    const wrap = run(onCall, [end(T0 + 20 * SEC)], policy).state;
    expect(wrap.status).toBe('wrap-up');
    expect(run(wrap, [submit(T0 + 30 * SEC)], policy).state).toMatchObject({ status: 'not-ready', reason: 'break' });
  });

  it('applies Ready chosen during wrap-up after it', () => {
    const wrap = run(notReady, [dial(T0), answer(T0 + SEC), end(T0 + 60 * SEC)]).state;
    expect(wrap).toMatchObject({ status: 'wrap-up', presence: 'not-ready' });
    const s = run(wrap, [{ type: 'set-ready', at: T0 + 70 * SEC }, submit(T0 + 80 * SEC)]).state;
    expect(s.status).toBe('ready');
  });
});

describe('an inbound call', () => {
  it('rings, connects, ends in Wrap-up with the ACW timer, and returns to Ready when the code is in', () => {
    const policy = agentPolicy();
    const ringing = run(ready, [offer(T0 + SEC)], policy).state;
    expect(ringing).toMatchObject({ status: 'ringing', statusSince: T0 + SEC });
    const onCall = run(ringing, [answer(T0 + 5 * SEC)], policy).state;
    expect(onCall).toMatchObject({ status: 'on-call', statusSince: T0 + 5 * SEC });
    const { state: wrap, effects } = run(onCall, [end(T0 + 65 * SEC)], policy);
    expect(wrap).toMatchObject({ status: 'wrap-up', statusSince: T0 + 65 * SEC });
    expect(wrap.acw).toEqual({
      startedAt: T0 + 65 * SEC,
      deadline: T0 + 125 * SEC,
      extendedSeconds: 0,
      expired: false,
      excludedMs: 0,
      interactionIds: ['i1'],
    });
    expect(effects).toEqual([
      {
        type: 'interaction-ended',
        callId: 'c1',
        interactionId: 'i1',
        direction: 'inbound',
        purpose: 'customer',
        outcome: 'answered',
        startedAt: T0 + SEC,
        answeredAt: T0 + 5 * SEC,
        endedAt: T0 + 65 * SEC,
        talkSeconds: 60,
        holdSeconds: 0,
      },
    ]);
    expect(viewAgent(wrap, T0 + 95 * SEC, policy).acw).toMatchObject({
      remainingMs: 30 * SEC,
      mandatory: true,
      expired: false,
      extensionLeftSeconds: 120,
    });
    const done = run(wrap, [submit(T0 + 100 * SEC)], policy);
    expect(done.state).toMatchObject({ status: 'ready', acw: null, owed: [] });
    expect(done.effects).toEqual([
      { type: 'acw-ended', at: T0 + 100 * SEC, cause: 'submitted', afterCallWork: [{ interactionId: 'i1', seconds: 35 }] },
    ]);
  });

  it.each([
    ['Not ready', notReady, 'not-ready'],
    ['Offline', offline, 'offline'],
  ] as const)('is declined with 486 while %s, and logged as declined', (_name, state, cause) => {
    const { state: after, effects } = run(state, [offer(T0 + SEC)]);
    expect(after.status).toBe(state.status);
    expect(after.calls).toEqual([]);
    expect(effects).toEqual([
      { type: 'decline-call', callId: 'c1', interactionId: 'i1', sipCode: 486, cause },
      expect.objectContaining({ type: 'interaction-ended', interactionId: 'i1', outcome: 'declined', answeredAt: null, talkSeconds: 0 }),
    ]);
  });

  it.each([480, 600, 603] as const)('is declined with the configured SIP code %i', (sipCode) => {
    const { effects } = run(notReady, [offer(T0)], agentPolicy({ decline: { sipCode } }));
    expect(ofType(effects, 'decline-call')[0]?.sipCode).toBe(sipCode);
  });

  it('is declined during Wrap-up by default', () => {
    const wrap = inWrapUp(agentPolicy({ acw: { onExpiry: 'ready' } }));
    const { state, effects } = run(wrap.state, [offer(T0 + 70 * SEC, 2)], agentPolicy({ acw: { onExpiry: 'ready' } }));
    expect(state.status).toBe('wrap-up');
    expect(ofType(effects, 'decline-call')[0]?.cause).toBe('wrap-up');
  });

  it('rings during Wrap-up when policy allows it: the period ends, the draft stays owed', () => {
    const policy = agentPolicy({ acw: { onExpiry: 'ready' }, decline: { declineInWrapUp: false } });
    const wrap = inWrapUp(policy).state;
    const { state, effects } = run(wrap, [offer(T0 + 75 * SEC, 2)], policy);
    expect(state.status).toBe('ringing');
    expect(effects).toEqual([
      { type: 'acw-ended', at: T0 + 75 * SEC, cause: 'interrupted', afterCallWork: [{ interactionId: 'i1', seconds: 10 }] },
    ]);
    const after = run(state, [answer(T0 + 76 * SEC, 2), end(T0 + 90 * SEC, 2)], policy).state;
    expect(after.acw?.interactionIds).toEqual(['i2']);
    expect(after.owed.map((o) => o.interactionId)).toEqual(['i1', 'i2']);
    expect(viewAgent(after, T0 + 91 * SEC, policy).owedWrapUps).toEqual(['i1', 'i2']);
  });

  it('is still declined during a mandatory wrap-up even if policy lets calls through in Wrap-up', () => {
    const policy = agentPolicy({ decline: { declineInWrapUp: false } });
    const { effects } = run(inWrapUp(policy).state, [offer(T0 + 70 * SEC, 2)], policy);
    expect(ofType(effects, 'decline-call')[0]?.cause).toBe('wrap-up');
  });

  it('declines a second call while ringing or on a call', () => {
    const ringing = run(ready, [offer(T0)]).state;
    expect(ofType(run(ringing, [offer(T0 + 1, 2)]).effects, 'decline-call')[0]?.cause).toBe('busy');
    const onCall = run(ringing, [answer(T0 + 2)]).state;
    const { state, effects } = run(onCall, [offer(T0 + 3, 2)]);
    expect(state.calls.map((c) => c.callId)).toEqual(['c1']);
    expect(ofType(effects, 'decline-call')).toEqual([
      { type: 'decline-call', callId: 'c2', interactionId: 'i2', sipCode: 486, cause: 'busy' },
    ]);
  });

  it('offers call waiting when policy allows it, with one wrap-up period for both calls', () => {
    const policy = agentPolicy({ decline: { declineWhileBusy: false } });
    const s1 = run(ready, [offer(T0), answer(T0 + SEC), offer(T0 + 10 * SEC, 2)], policy).state;
    expect(s1.status).toBe('on-call');
    expect(viewAgent(s1, T0 + 10 * SEC, policy).takesCalls).toBe(true);
    const s2 = run(
      s1,
      [{ type: 'call-held', at: T0 + 12 * SEC, callId: 'c1' }, answer(T0 + 12 * SEC, 2), end(T0 + 30 * SEC, 2)],
      policy,
    ).state;
    expect(s2.status).toBe('on-call');
    expect(s2.acw).toBeNull();
    const { state, effects } = run(s2, [end(T0 + 40 * SEC)], policy);
    expect(state.acw?.interactionIds).toEqual(['i2', 'i1']);
    const finished = run(state, [submit(T0 + 50 * SEC), submit(T0 + 61 * SEC, 2)], policy);
    expect(finished.state.status).toBe('ready');
    expect(ofType(finished.effects, 'acw-ended')[0]?.afterCallWork).toEqual([
      { interactionId: 'i2', seconds: 11 },
      { interactionId: 'i1', seconds: 10 },
    ]);
    expect(ofType(effects, 'interaction-ended')[0]).toMatchObject({ interactionId: 'i1', talkSeconds: 11, holdSeconds: 28 });
  });

  it('declines the fifth simultaneous call whatever the policy says', () => {
    const policy = agentPolicy({ decline: { declineWhileBusy: false } });
    const s = run(ready, [offer(T0), answer(T0 + 1), offer(T0 + 2, 2), offer(T0 + 3, 3), offer(T0 + 4, 4)], policy).state;
    expect(s.calls).toHaveLength(4);
    expect(ofType(run(s, [offer(T0 + 5, 5)], policy).effects, 'decline-call')[0]?.cause).toBe('busy');
  });

  it('refuses an offer with a call id it already has', () => {
    expect(refused(run(ready, [offer(T0)]).state, offer(T0 + 1))).toEqual({
      code: 'duplicate-call',
      message: 'This call is already known.',
    });
  });

  it('is abandoned when the caller hangs up while it rings: no wrap-up, still Ready', () => {
    const { state, effects } = run(ready, [offer(T0), end(T0 + 8 * SEC)]);
    expect(state).toMatchObject({ status: 'ready', acw: null, owed: [] });
    expect(effects).toEqual([
      expect.objectContaining({ type: 'interaction-ended', outcome: 'abandoned', answeredAt: null, endedAt: T0 + 8 * SEC }),
    ]);
  });
});

describe('missed and rejected offers', () => {
  it('stops an unanswered offer with 480 and keeps the agent Ready after one miss: one stray INVITE cannot take them out of Ready', () => {
    const policy = agentPolicy();
    const ringing = run(ready, [offer(T0)], policy).state;
    expect(nextAgentDeadline(ringing, policy)).toEqual({
      at: T0 + 30 * SEC,
      event: { type: 'call-missed', at: T0 + 30 * SEC, callId: 'c1' },
    });
    const { state, effects } = run(ringing, [{ type: 'call-missed', at: T0 + 30 * SEC, callId: 'c1' }], policy);
    expect(state).toMatchObject({ status: 'ready', missedInARow: 1 });
    expect(effects).toEqual([
      { type: 'decline-call', callId: 'c1', interactionId: 'i1', sipCode: 480, cause: 'missed' },
      expect.objectContaining({ type: 'interaction-ended', outcome: 'missed' }),
    ]);
  });

  it('turns the agent Not ready ("Missed call") at the second offer missed in a row (the default), and counts again from there', () => {
    const policy = agentPolicy();
    const { state } = run(
      ready,
      [
        offer(T0),
        { type: 'call-missed', at: T0 + 30 * SEC, callId: 'c1' },
        offer(T0 + 40 * SEC, 2),
        { type: 'call-missed', at: T0 + 70 * SEC, callId: 'c2' },
      ],
      policy,
    );
    expect(state).toMatchObject({ status: 'not-ready', reason: 'missed-call', presenceSince: T0 + 70 * SEC, missedInARow: 0 });
    expect(englishOf(viewAgent(state, T0 + 71 * SEC, policy).statusLabel)).toBe('Not ready: Missed call');
    expect(viewAgent(state, T0 + 71 * SEC, policy)).toMatchObject({
      reason: { code: 'missed-call', label: 'Missed call', reminderAt: null },
      takesCalls: false,
    });
  });

  it('starts the count again after an answered call', () => {
    const policy = agentPolicy({ acw: { seconds: 0 } });
    const events: AgentEvent[] = [
      offer(T0),
      { type: 'call-missed', at: T0 + 30 * SEC, callId: 'c1' },
      offer(T0 + 40 * SEC, 2),
      answer(T0 + 41 * SEC, 2),
    ];
    expect(run(ready, events, policy).state.missedInARow).toBe(0);
  });

  it("follows the policy's count: 1 turns the agent Not ready at the first miss", () => {
    const { state } = run(
      ready,
      [offer(T0), { type: 'call-missed', at: T0 + 30 * SEC, callId: 'c1' }],
      agentPolicy({ decline: { missedCallsBeforeNotReady: 1 } }),
    );
    expect(state).toMatchObject({ status: 'not-ready', reason: 'missed-call' });
  });

  it('logs an unanswered inbound call whose set-up failed (incompatible media) as failed, not abandoned', () => {
    const { effects, state } = run(ready, [offer(T0), { type: 'call-ended', at: T0 + SEC, callId: 'c1', failed: true }]);
    expect(effects).toEqual([expect.objectContaining({ type: 'interaction-ended', outcome: 'failed', answeredAt: null })]);
    expect(state).toMatchObject({ status: 'ready', missedInARow: 0 });
  });

  it('uses the configured ring timeout', () => {
    const policy = agentPolicy({ decline: { ringTimeoutSeconds: 12 } });
    expect(nextAgentDeadline(run(ready, [offer(T0)], policy).state, policy)?.at).toBe(T0 + 12 * SEC);
  });

  it('keeps the reason the agent chose while it rang', () => {
    const s = run(ready, [
      offer(T0),
      { type: 'set-not-ready', at: T0 + SEC, reason: 'lunch' },
      { type: 'call-missed', at: T0 + 30 * SEC, callId: 'c1' },
    ]).state;
    expect(s).toMatchObject({ status: 'not-ready', reason: 'lunch' });
  });

  it('lets the agent decline a ringing call with the configured code and stay Ready', () => {
    const { state, effects } = run(
      ready,
      [offer(T0), { type: 'call-rejected', at: T0 + 2 * SEC, callId: 'c1' }],
      agentPolicy({ decline: { sipCode: 603 } }),
    );
    expect(state.status).toBe('ready');
    expect(effects).toEqual([
      { type: 'decline-call', callId: 'c1', interactionId: 'i1', sipCode: 603, cause: 'rejected' },
      expect.objectContaining({ type: 'interaction-ended', outcome: 'declined' }),
    ]);
  });

  it('refuses to miss or reject a call that is connected, outbound or unknown', () => {
    const onCall = run(ready, [offer(T0), answer(T0 + 1)]).state;
    expect(refused(onCall, { type: 'call-missed', at: T0 + 2, callId: 'c1' })).toEqual({
      code: 'bad-call-state',
      message: 'Only a ringing call can be declined.',
    });
    expect(refused(onCall, { type: 'call-rejected', at: T0 + 2, callId: 'c1' }).code).toBe('bad-call-state');
    const dialling = run(ready, [dial(T0)]).state;
    expect(refused(dialling, { type: 'call-missed', at: T0 + 2, callId: 'c1' }).code).toBe('bad-call-state');
    expect(refused(ready, { type: 'call-missed', at: T0, callId: 'nope' })).toEqual({
      code: 'unknown-call',
      message: 'That call has already ended.',
    });
  });

  it('starts the wrap-up of a finished call once a waiting call is missed', () => {
    const policy = agentPolicy({ decline: { declineWhileBusy: false, missedCallsBeforeNotReady: 1 } });
    const s = run(ready, [offer(T0), answer(T0 + 1), offer(T0 + 2, 2), end(T0 + 10 * SEC)], policy).state;
    expect(s.status).toBe('ringing');
    const after = run(s, [{ type: 'call-missed', at: T0 + 32 * SEC, callId: 'c2' }], policy).state;
    expect(after).toMatchObject({ status: 'wrap-up', presence: 'not-ready', reason: 'missed-call' });
  });
});

describe('an outbound call', () => {
  it('is On call while dialling, gets a wrap-up, and returns to where the agent was', () => {
    const fromNotReady = run(notReady, [dial(T0), answer(T0 + 10 * SEC), end(T0 + 70 * SEC), submit(T0 + 80 * SEC)]);
    expect(fromNotReady.state).toMatchObject({ status: 'not-ready', reason: 'break' });
    expect(ofType(fromNotReady.effects, 'interaction-ended')[0]).toMatchObject({
      direction: 'outbound',
      outcome: 'answered',
      talkSeconds: 60,
    });
    const dialling = run(ready, [dial(T0)]).state;
    expect(dialling.status).toBe('on-call');
    expect(run(dialling, [answer(T0 + 1), end(T0 + 2), submit(T0 + 3)]).state.status).toBe('ready');
  });

  it('logs an unanswered outbound call as failed, without a wrap-up', () => {
    const { state, effects } = run(notReady, [dial(T0), end(T0 + 25 * SEC)]);
    expect(state).toMatchObject({ status: 'not-ready', acw: null, owed: [] });
    expect(ofType(effects, 'interaction-ended')[0]).toMatchObject({ outcome: 'failed', answeredAt: null });
  });

  it('refuses to dial while logged out or while a call rings', () => {
    expect(refused(offline, dial(T0))).toEqual({ code: 'logged-out', message: 'Log in to make calls.' });
    expect(refused(run(ready, [offer(T0)]).state, dial(T0 + 1, 2))).toEqual({
      code: 'call-ringing',
      message: 'Answer or decline the ringing call first.',
    });
  });

  it('makes a consultation call during a call, which needs no wrap-up of its own', () => {
    const s = run(ready, [offer(T0), answer(T0 + 1), { type: 'call-held', at: T0 + 10 * SEC, callId: 'c1' }, dial(T0 + 11 * SEC, 2)]).state;
    expect(s.calls.find((c) => c.callId === 'c2')?.purpose).toBe('consult');
    const { state, effects } = run(s, [answer(T0 + 15 * SEC, 2), end(T0 + 40 * SEC, 2)]);
    expect(state.owed).toEqual([]);
    expect(state.status).toBe('on-call');
    expect(ofType(effects, 'interaction-ended')[0]).toMatchObject({ purpose: 'consult', outcome: 'answered' });
    const done = run(state, [end(T0 + 60 * SEC)]).state;
    expect(done.acw?.interactionIds).toEqual(['i1']);
  });

  it('refuses to dial during a mandatory wrap-up; otherwise the wrap-up period ends', () => {
    expect(refused(inWrapUp().state, dial(T0 + 70 * SEC, 2))).toEqual({
      code: 'wrap-up-required',
      message: 'Choose a wrap-up code before you make another call.',
    });
    const policy = agentPolicy({ acw: { onExpiry: 'ready' } });
    const { state, effects } = run(inWrapUp(policy).state, [dial(T0 + 70 * SEC, 2)], policy);
    expect(state.status).toBe('on-call');
    expect(ofType(effects, 'acw-ended')[0]).toMatchObject({ cause: 'interrupted' });
  });

  it('refuses a duplicate call id and more than four calls', () => {
    const s = run(ready, [dial(T0), answer(T0 + 1), dial(T0 + 2, 2), dial(T0 + 3, 3), dial(T0 + 4, 4)]).state;
    expect(refused(s, dial(T0 + 5, 2)).code).toBe('duplicate-call');
    expect(refused(s, dial(T0 + 5, 5))).toEqual({ code: 'too-many-calls', message: 'You already have 4 calls. End one first.' });
  });
});

describe('hold', () => {
  it('counts hold time apart from talk time, also when the call ends on hold', () => {
    const { effects } = run(ready, [
      offer(T0),
      answer(T0 + 10 * SEC),
      { type: 'call-held', at: T0 + 40 * SEC, callId: 'c1' },
      { type: 'call-resumed', at: T0 + 70 * SEC, callId: 'c1' },
      { type: 'call-held', at: T0 + 100 * SEC, callId: 'c1' },
      end(T0 + 115 * SEC),
    ]);
    expect(ofType(effects, 'interaction-ended')[0]).toMatchObject({ talkSeconds: 60, holdSeconds: 45 });
  });

  it('refuses hold on a ringing call, double hold, and resume without hold', () => {
    const ringing = run(ready, [offer(T0)]).state;
    expect(refused(ringing, { type: 'call-held', at: T0 + 1, callId: 'c1' })).toEqual({
      code: 'bad-call-state',
      message: 'Only a connected call can be put on hold.',
    });
    const onCall = run(ringing, [answer(T0 + 1)]).state;
    expect(refused(onCall, { type: 'call-resumed', at: T0 + 2, callId: 'c1' })).toEqual({
      code: 'bad-call-state',
      message: 'This call is not on hold.',
    });
    const held = run(onCall, [{ type: 'call-held', at: T0 + 2, callId: 'c1' }]).state;
    expect(refused(held, { type: 'call-held', at: T0 + 3, callId: 'c1' })).toEqual({
      code: 'bad-call-state',
      message: 'This call is already on hold.',
    });
    expect(refused(held, { type: 'call-held', at: T0 + 3, callId: 'zz' }).code).toBe('unknown-call');
    expect(refused(onCall, answer(T0 + 3))).toEqual({ code: 'bad-call-state', message: 'This call is already answered.' });
    expect(refused(onCall, answer(T0 + 3, 9)).code).toBe('unknown-call');
    expect(refused(onCall, end(T0 + 3, 9)).code).toBe('unknown-call');
  });
});

describe('after-call work', () => {
  it('returns to Ready when the timer runs out if policy says so, leaving the draft owed', () => {
    const policy = agentPolicy({ acw: { onExpiry: 'ready' } });
    const wrap = inWrapUp(policy).state;
    expect(nextAgentDeadline(wrap, policy)).toEqual({ at: T0 + 125 * SEC, event: { type: 'acw-expired', at: T0 + 125 * SEC } });
    const { state, effects } = run(wrap, [{ type: 'acw-expired', at: T0 + 125 * SEC }], policy);
    expect(state).toMatchObject({ status: 'ready', acw: null });
    expect(state.owed).toEqual([{ interactionId: 'i1', endedAt: T0 + 65 * SEC, acwDone: true }]);
    expect(effects).toEqual([
      { type: 'acw-ended', at: T0 + 125 * SEC, cause: 'expired', afterCallWork: [{ interactionId: 'i1', seconds: 60 }] },
    ]);
    // The draft can be finished later without changing the state.
    expect(run(state, [submit(T0 + 200 * SEC)], policy).state).toMatchObject({ status: 'ready', owed: [] });
  });

  it('stays in Wrap-up after the timer until the code is in when wrap-up is mandatory', () => {
    const policy = agentPolicy();
    const { state: expired, effects } = run(inWrapUp(policy).state, [{ type: 'acw-expired', at: T0 + 125 * SEC }], policy);
    expect(effects).toEqual([]);
    expect(expired).toMatchObject({ status: 'wrap-up', acw: { expired: true } });
    expect(nextAgentDeadline(expired, policy)).toBeNull();
    expect(viewAgent(expired, T0 + 200 * SEC, policy).acw).toMatchObject({
      remainingMs: 0,
      expired: true,
      mandatory: true,
      extensionLeftSeconds: 0,
    });
    expect(viewAgent(expired, T0 + 200 * SEC, policy).takesCalls).toBe(false);
    expect(refused(expired, { type: 'finish-wrap-up', at: T0 + 130 * SEC }, policy)).toEqual({
      code: 'wrap-up-required',
      message: 'Choose a wrap-up code before you finish.',
    });
    const done = run(expired, [submit(T0 + 185 * SEC)], policy);
    expect(done.state.status).toBe('ready');
    expect(done.effects).toEqual([
      { type: 'acw-ended', at: T0 + 185 * SEC, cause: 'submitted', afterCallWork: [{ interactionId: 'i1', seconds: 120 }] },
    ]);
  });

  it('refuses an expiry that is not due, outside wrap-up, or twice', () => {
    const wrap = inWrapUp().state;
    expect(refused(wrap, { type: 'acw-expired', at: T0 + 100 * SEC })).toEqual({
      code: 'not-due',
      message: 'The wrap-up time has not run out yet.',
    });
    expect(refused(ready, { type: 'acw-expired', at: T0 })).toEqual({ code: 'not-in-wrap-up', message: 'You are not in wrap-up.' });
    const expired = run(wrap, [{ type: 'acw-expired', at: T0 + 125 * SEC }]).state;
    expect(refused(expired, { type: 'acw-expired', at: T0 + 130 * SEC }).code).toBe('not-due');
  });

  it('adds time in steps up to the policy maximum, then says no more can be added', () => {
    const policy = agentPolicy({ acw: { maxExtensionSeconds: 75, extensionStepSeconds: 30 } });
    let s = inWrapUp(policy).state;
    s = run(s, [{ type: 'extend-acw', at: T0 + 100 * SEC }], policy).state;
    expect(s.acw).toMatchObject({ deadline: T0 + 155 * SEC, extendedSeconds: 30 });
    s = run(
      s,
      [
        { type: 'extend-acw', at: T0 + 101 * SEC },
        { type: 'extend-acw', at: T0 + 102 * SEC },
      ],
      policy,
    ).state;
    expect(s.acw).toMatchObject({ deadline: T0 + 200 * SEC, extendedSeconds: 75 });
    expect(viewAgent(s, T0 + 102 * SEC, policy).acw?.extensionLeftSeconds).toBe(0);
    expect(refused(s, { type: 'extend-acw', at: T0 + 103 * SEC }, policy)).toEqual({
      code: 'no-more-time',
      message: 'No more wrap-up time can be added (at most 1 min 15 s extra).',
    });
    expect(refused(inWrapUp().state, { type: 'extend-acw', at: T0 + 70 * SEC }, agentPolicy({ acw: { maxExtensionSeconds: 0 } }))).toEqual({
      code: 'no-more-time',
      message: 'Wrap-up time cannot be extended.',
    });
    const full = run(
      inWrapUp().state,
      [1, 2, 3, 4].map((i): AgentEvent => ({ type: 'extend-acw', at: T0 + (70 + i) * SEC })),
    ).state;
    expect(refused(full, { type: 'extend-acw', at: T0 + 80 * SEC }).message).toBe(
      'No more wrap-up time can be added (at most 2 min extra).',
    );
  });

  it('extends from now when the timer is already due but not yet processed', () => {
    const s = run(inWrapUp().state, [{ type: 'extend-acw', at: T0 + 130 * SEC }]).state;
    expect(s.acw?.deadline).toBe(T0 + 160 * SEC);
  });

  it('refuses to extend outside wrap-up or after a mandatory wrap-up ran out', () => {
    expect(refused(ready, { type: 'extend-acw', at: T0 }).code).toBe('not-in-wrap-up');
    const expired = run(inWrapUp().state, [{ type: 'acw-expired', at: T0 + 125 * SEC }]).state;
    expect(refused(expired, { type: 'extend-acw', at: T0 + 130 * SEC })).toEqual({
      code: 'no-more-time',
      message: 'The wrap-up time has run out: choose a wrap-up code to continue.',
    });
  });

  it('lets the agent finish early when wrap-up is not mandatory', () => {
    const policy = agentPolicy({ acw: { onExpiry: 'ready' } });
    const { state, effects } = run(inWrapUp(policy).state, [{ type: 'finish-wrap-up', at: T0 + 80 * SEC }], policy);
    expect(state.status).toBe('ready');
    expect(ofType(effects, 'acw-ended')[0]).toMatchObject({ cause: 'finished', afterCallWork: [{ interactionId: 'i1', seconds: 15 }] });
    expect(refused(state, { type: 'finish-wrap-up', at: T0 + 81 * SEC }, policy).code).toBe('not-in-wrap-up');
  });

  it('with no ACW time goes straight back to Ready, or straight to a mandatory wrap-up', () => {
    const none = agentPolicy({ acw: { seconds: 0, onExpiry: 'ready' } });
    const a = inWrapUp(none);
    expect(a.state).toMatchObject({ status: 'ready', acw: null });
    expect(ofType(a.effects, 'acw-ended')).toEqual([
      { type: 'acw-ended', at: T0 + 65 * SEC, cause: 'no-acw', afterCallWork: [{ interactionId: 'i1', seconds: 0 }] },
    ]);
    const strict = agentPolicy({ acw: { seconds: 0 } });
    const b = inWrapUp(strict);
    expect(b.state).toMatchObject({ status: 'wrap-up', acw: { expired: true } });
    expect(run(b.state, [submit(T0 + 90 * SEC)], strict).state.status).toBe('ready');
  });

  it('refuses a wrap-up for a contact that owes none', () => {
    expect(refused(ready, submit(T0))).toEqual({ code: 'unknown-wrap-up', message: 'There is no open wrap-up for this contact.' });
  });

  it('releases a wrap-up held only by a policy that IT has since lifted', () => {
    const expired = run(inWrapUp().state, [{ type: 'acw-expired', at: T0 + 125 * SEC }]).state;
    const lifted = agentPolicy({ acw: { onExpiry: 'ready' } });
    const { state, effects } = run(expired, [{ type: 'policy-changed', at: T0 + 130 * SEC }], lifted);
    expect(state.status).toBe('ready');
    expect(ofType(effects, 'acw-ended')[0]?.cause).toBe('expired');
    // Still mandatory: nothing changes.
    expect(run(expired, [{ type: 'policy-changed', at: T0 + 130 * SEC }]).state.status).toBe('wrap-up');
  });
});

describe('robustness', () => {
  it('treats an event stamped earlier than the last one (clock went back) as happening now', () => {
    const s = run(ready, [offer(T0 + 10 * SEC), answer(T0 + 5 * SEC)]).state;
    expect(s.calls[0]?.answeredAt).toBe(T0 + 10 * SEC);
  });

  it('keeps every invariant over a long random sequence: refusals change nothing, every call ends exactly once', () => {
    let seed = 20250310;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const policies = [
      agentPolicy(),
      agentPolicy({ acw: { onExpiry: 'ready' }, decline: { declineInWrapUp: false, declineWhileBusy: false } }),
      agentPolicy({ acw: { seconds: 0 } }),
    ];
    for (const policy of policies) {
      let s = initialAgentState(T0);
      let t = T0;
      let nextCall = 1;
      const started = new Set<string>();
      const ended = new Map<string, number>();
      const owedEver = new Set<string>();
      for (let i = 0; i < 3000; i += 1) {
        t += rand(20) * SEC;
        const callIds = s.calls.map((c) => c.callId);
        const someCall = callIds.length > 0 ? (callIds[rand(callIds.length)] ?? 'x') : `c${rand(3) + 1}`;
        const owed = s.owed.map((o) => o.interactionId);
        const candidates: AgentEvent[] = [
          { type: 'log-in', at: t, ...(rand(2) === 0 ? { reason: 'break' } : {}) },
          { type: 'log-out', at: t },
          { type: 'set-ready', at: t },
          { type: 'set-not-ready', at: t, reason: rand(2) === 0 ? 'lunch' : 'missed-call' },
          { type: 'call-offered', at: t, callId: `c${nextCall}`, interactionId: `i${nextCall}` },
          { type: 'dial', at: t, callId: `c${nextCall}`, interactionId: `i${nextCall}` },
          { type: 'call-answered', at: t, callId: someCall },
          { type: 'call-held', at: t, callId: someCall },
          { type: 'call-resumed', at: t, callId: someCall },
          { type: 'call-rejected', at: t, callId: someCall },
          { type: 'call-missed', at: t, callId: someCall },
          { type: 'call-ended', at: t, callId: someCall },
          { type: 'call-ended', at: t, callId: someCall },
          { type: 'acw-expired', at: t },
          { type: 'extend-acw', at: t },
          { type: 'finish-wrap-up', at: t },
          { type: 'wrap-up-submitted', at: t, interactionId: owed.length > 0 ? (owed[rand(owed.length)] ?? 'x') : 'i0' },
          { type: 'wrap-up-submitted', at: t, interactionId: owed.length > 0 ? (owed[rand(owed.length)] ?? 'x') : 'i0' },
        ];
        const deadline = nextAgentDeadline(s, policy);
        const event =
          deadline !== null && deadline.at <= t ? { ...deadline.event, at: t } : (candidates[rand(candidates.length)] as AgentEvent);
        const before = structuredClone(s);
        const r = transition(s, event, policy);
        if (!r.ok) {
          expect(s).toEqual(before);
          continue;
        }
        if (event.type === 'call-offered' || event.type === 'dial') {
          started.add(event.callId);
          nextCall += 1;
        }
        for (const e of r.effects) {
          if (e.type === 'interaction-ended') ended.set(e.callId, (ended.get(e.callId) ?? 0) + 1);
        }
        s = r.state;
        s.owed.forEach((o) => owedEver.add(o.interactionId));
        expect(agentStateSchema.safeParse(s).success).toBe(true);
        expect(s.status).toBe(deriveStatus(s));
        if (s.acw !== null) expect(s.calls).toEqual([]);
      }
      for (const c of s.calls) ended.set(c.callId, (ended.get(c.callId) ?? 0) + 1);
      expect([...started].filter((id) => ended.get(id) !== 1)).toEqual([]);
      expect(started.size).toBeGreaterThan(100);
      expect(owedEver.size).toBeGreaterThan(10);
    }
  });
});

describe('a call replaced by the customer (the agent was the target of an attended transfer)', () => {
  const replace = (at: number, from = 1, by = 2): AgentEvent => ({ type: 'call-replaced', at, callId: `c${from}`, byCallId: `c${by}` });

  it('keeps the agent on call with the same contact under the new call, and wraps it up when that call ends', () => {
    const consulting = run(ready, [offer(T0 + 1 * SEC), answer(T0 + 5 * SEC)]).state;
    const replaced = run(consulting, [replace(T0 + 30 * SEC)]);
    expect(replaced.state.status).toBe('on-call');
    expect(replaced.effects).toEqual([]);
    expect(replaced.state.calls).toMatchObject([{ callId: 'c2', interactionId: 'i1', answeredAt: T0 + 5 * SEC }]);
    // The consultation's own end no longer touches the contact.
    expect(refused(replaced.state, end(T0 + 31 * SEC, 1)).code).toBe('unknown-call');

    const ended = run(replaced.state, [end(T0 + 90 * SEC, 2)]);
    expect(ended.state.status).toBe('wrap-up');
    expect(ofType(ended.effects, 'interaction-ended')).toMatchObject([{ callId: 'c2', interactionId: 'i1', outcome: 'answered' }]);
  });

  it('refuses a replacement of a call it does not know, or by a call it already has', () => {
    const consulting = run(ready, [offer(T0 + 1 * SEC), answer(T0 + 5 * SEC)]).state;
    expect(refused(consulting, replace(T0 + 30 * SEC, 9, 2)).code).toBe('unknown-call');
    expect(refused(consulting, replace(T0 + 30 * SEC, 1, 1)).code).toBe('bad-call-state');
  });
});
