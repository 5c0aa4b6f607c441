import { describe, expect, it } from 'vitest';
import { initialAgentState, type AgentEvent, type AgentState } from '../../../shared/agent/agent-state';
import { restoreAgentState, snapshotAgentState, type AgentSnapshot } from '../../../shared/agent/agent-state-snapshot';
import { agentPolicy, HOUR, MIN, run, SEC, T0 } from '../workflow/fixtures';

const ready = run(initialAgentState(T0), [{ type: 'log-in', at: T0 }]).state;
const offer: AgentEvent = { type: 'call-offered', at: T0 + SEC, callId: 'c1', interactionId: 'i1' };

/** Through JSON, as it goes to disk. */
const roundTrip = (s: AgentState, savedAt: number): unknown => JSON.parse(JSON.stringify(snapshotAgentState(s, savedAt)));

function restored(raw: unknown, now: number, policy = agentPolicy()) {
  const r = restoreAgentState(raw, now, policy);
  if (!r.ok) throw new Error(r.message);
  return r;
}

describe('agent state snapshot', () => {
  it('holds ids, codes and times only', () => {
    const s = run(ready, [offer, { type: 'call-answered', at: T0 + 2 * SEC, callId: 'c1' }]).state;
    const snap = snapshotAgentState(s, T0 + 3 * SEC);
    expect(snap).toEqual({ version: 1, savedAt: T0 + 3 * SEC, state: s });
    const keys = new Set<string>();
    JSON.stringify(snap, (k, v: unknown) => {
      keys.add(k);
      return v;
    });
    expect([...keys].filter((k) => k !== '' && !/^\d+$/.test(k)).sort()).toEqual([
      'acw',
      'answeredAt',
      'callId',
      'calls',
      'direction',
      'heldSince',
      'holdMs',
      'interactionId',
      'missedInARow',
      'offeredAt',
      'owed',
      'presence',
      'presenceSince',
      'purpose',
      'reason',
      'savedAt',
      'state',
      'status',
      'statusSince',
      'updatedAt',
      'version',
    ]);
  });

  it('never records a save time before the last event', () => {
    expect(snapshotAgentState(ready, T0 - HOUR).savedAt).toBe(T0);
  });
});

describe('restoring after main restarted', () => {
  it('resumes Ready or Not ready after a short restart', () => {
    const r = restored(roundTrip(ready, T0 + MIN), T0 + 3 * MIN);
    expect(r.state).toMatchObject({ status: 'ready', presence: 'ready', statusSince: T0, updatedAt: T0 + 3 * MIN });
    expect(r.effects).toEqual([]);
    const nr = run(ready, [{ type: 'set-not-ready', at: T0 + MIN, reason: 'lunch' }]).state;
    expect(restored(roundTrip(nr, T0 + MIN), T0 + 2 * MIN).state).toMatchObject({ status: 'not-ready', reason: 'lunch' });
  });

  it('comes back Offline after a long absence, so no calls are routed to an empty desk', () => {
    const r = restored(roundTrip(ready, T0 + MIN), T0 + 12 * HOUR);
    expect(r.state).toMatchObject({ status: 'offline', presence: 'offline', reason: null, statusSince: T0 + 12 * HOUR });
    const custom = restoreAgentState(roundTrip(ready, T0 + MIN), T0 + 12 * HOUR, agentPolicy(), { resumePresenceWithinMs: 24 * HOUR });
    expect(custom.ok && custom.state.status).toBe('ready');
  });

  it('keeps a mandatory wrap-up whose time ran out, even the next morning, and returns to Offline after it', () => {
    const policy = agentPolicy();
    const s = run(
      ready,
      [
        offer,
        { type: 'call-answered', at: T0 + 2 * SEC, callId: 'c1' },
        { type: 'call-ended', at: T0 + 62 * SEC, callId: 'c1' },
        { type: 'acw-expired', at: T0 + 122 * SEC },
      ],
      policy,
    ).state;
    const r = restored(roundTrip(s, T0 + 130 * SEC), T0 + 14 * HOUR, policy);
    expect(r.state).toMatchObject({ status: 'wrap-up', presence: 'offline', acw: { expired: true, interactionIds: ['i1'] } });
    expect(r.effects).toEqual([]);
    const done = run(r.state, [{ type: 'wrap-up-submitted', at: T0 + 14 * HOUR + MIN, interactionId: 'i1' }], policy);
    expect(done.state.status).toBe('offline');
    // The night the app was closed is not after-call work: 130 s before the restart, one minute after.
    expect(done.effects).toEqual([
      { type: 'acw-ended', at: T0 + 14 * HOUR + MIN, cause: 'submitted', afterCallWork: [{ interactionId: 'i1', seconds: 68 + 60 }] },
    ]);
  });

  it('resumes a running ACW countdown with the time it had left', () => {
    const s = run(ready, [
      offer,
      { type: 'call-answered', at: T0 + 2 * SEC, callId: 'c1' },
      { type: 'call-ended', at: T0 + 62 * SEC, callId: 'c1' },
    ]).state;
    expect(s.acw?.deadline).toBe(T0 + 122 * SEC);
    const r = restored(roundTrip(s, T0 + 72 * SEC), T0 + 90 * SEC);
    expect(r.state.acw).toMatchObject({ deadline: T0 + 140 * SEC, excludedMs: 18 * SEC, expired: false });
    expect(r.state.status).toBe('wrap-up');
  });

  it('ends a call that was up when main stopped, at the last save, and opens its wrap-up', () => {
    const s = run(ready, [
      offer,
      { type: 'call-answered', at: T0 + 2 * SEC, callId: 'c1' },
      { type: 'call-held', at: T0 + 50 * SEC, callId: 'c1' },
    ]).state;
    const r = restored(roundTrip(s, T0 + 62 * SEC), T0 + 5 * MIN);
    expect(r.effects).toEqual([
      {
        type: 'interaction-ended',
        callId: 'c1',
        interactionId: 'i1',
        direction: 'inbound',
        purpose: 'customer',
        outcome: 'answered',
        startedAt: T0 + SEC,
        answeredAt: T0 + 2 * SEC,
        endedAt: T0 + 62 * SEC,
        talkSeconds: 48,
        holdSeconds: 12,
      },
    ]);
    expect(r.state).toMatchObject({ status: 'wrap-up', calls: [], presence: 'ready' });
    expect(r.state.acw).toMatchObject({ startedAt: T0 + 62 * SEC, interactionIds: ['i1'], excludedMs: 5 * MIN - 62 * SEC });
  });

  it('logs ringing and dialling calls cut off by the restart as failed, with no wrap-up', () => {
    const ringing = run(ready, [offer]).state;
    const r = restored(roundTrip(ringing, T0 + 2 * SEC), T0 + MIN);
    expect(r.effects).toEqual([expect.objectContaining({ type: 'interaction-ended', outcome: 'failed', answeredAt: null })]);
    expect(r.state).toMatchObject({ status: 'ready', acw: null, owed: [] });
    const dialling = run(ready, [{ type: 'dial', at: T0 + SEC, callId: 'c9', interactionId: 'i9' }]).state;
    expect(restored(roundTrip(dialling, T0 + 2 * SEC), T0 + MIN).effects[0]).toMatchObject({ outcome: 'failed', direction: 'outbound' });
  });

  it('releases an expired wrap-up if the policy is no longer mandatory', () => {
    const s = run(ready, [
      offer,
      { type: 'call-answered', at: T0 + 2 * SEC, callId: 'c1' },
      { type: 'call-ended', at: T0 + 62 * SEC, callId: 'c1' },
      { type: 'acw-expired', at: T0 + 122 * SEC },
    ]).state;
    const r = restored(roundTrip(s, T0 + 130 * SEC), T0 + 140 * SEC, agentPolicy({ acw: { onExpiry: 'ready' } }));
    expect(r.state).toMatchObject({ status: 'ready', acw: null });
    expect(r.state.owed.map((o) => o.interactionId)).toEqual(['i1']);
    expect(r.effects[0]).toMatchObject({ type: 'acw-ended', cause: 'expired' });
  });

  it('copes with a clock that went back while the app was down', () => {
    const r = restored(roundTrip(ready, T0 + MIN), T0 - HOUR);
    expect(r.state.updatedAt).toBe(T0 + MIN);
    expect(r.state.status).toBe('ready');
  });

  it.each([
    ['not an object', 'hello', 'snapshot: Invalid input: expected object, received string'],
    ['a newer version', { ...snapshotAgentState(ready, T0), version: 2 }, 'version: Invalid input: expected 1'],
    [
      'a status that contradicts the calls',
      { ...snapshotAgentState(ready, T0), state: { ...ready, status: 'on-call' } },
      'state.status: does not match the calls and presence (expected ready)',
    ],
    [
      'a reason without Not ready',
      { ...snapshotAgentState(ready, T0), state: { ...ready, reason: 'break' } },
      'state.reason: is set exactly when presence is not-ready',
    ],
    ['a negative time', { ...snapshotAgentState(ready, T0), savedAt: -1 }, 'savedAt: Too small: expected number to be >=0'],
  ])('refuses %s with a message naming the field', (_name, raw, detail) => {
    const r = restoreAgentState(raw, T0, agentPolicy());
    expect(r).toEqual({ ok: false, message: `The saved agent state is unreadable (${detail}).` });
  });

  it('restores a snapshot of every state a day of work passes through', () => {
    const policy = agentPolicy();
    const events: AgentEvent[] = [
      offer,
      { type: 'call-answered', at: T0 + 2 * SEC, callId: 'c1' },
      { type: 'call-held', at: T0 + 3 * SEC, callId: 'c1' },
      { type: 'call-resumed', at: T0 + 4 * SEC, callId: 'c1' },
      { type: 'call-ended', at: T0 + 5 * SEC, callId: 'c1' },
      { type: 'extend-acw', at: T0 + 6 * SEC },
      { type: 'wrap-up-submitted', at: T0 + 7 * SEC, interactionId: 'i1' },
      { type: 'set-not-ready', at: T0 + 8 * SEC, reason: 'break' },
      { type: 'dial', at: T0 + 9 * SEC, callId: 'c2', interactionId: 'i2' },
    ];
    let s: AgentState = ready;
    for (const e of events) {
      s = run(s, [e], policy).state;
      const snap: AgentSnapshot = JSON.parse(JSON.stringify(snapshotAgentState(s, e.at))) as AgentSnapshot;
      const r = restoreAgentState(snap, e.at, policy);
      expect(r.ok, `${e.type}`).toBe(true);
      if (r.ok && s.calls.length === 0) expect(r.state).toEqual(s);
    }
  });
});
