import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { englishOf } from '../../../shared/text/user-text';
import { AgentService, type AgentChange } from '../../../electron/agent/agent-service';
import { AgentStateFile } from '../../../electron/agent/agent-state-file';
import { createTimerScheduler } from '../../../electron/core/scheduler';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import type { AgentPolicy } from '../../../shared/agent/agent-state';
import { agentPolicy, MIN, SEC, T0 } from '../workflow/fixtures';
import { withoutTexts } from './without-texts';

let dir: string;
let file: string;

beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  dir = mkdtempSync(path.join(os.tmpdir(), 'sb-agent-'));
  file = path.join(dir, 'agent-state.json');
});

afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

async function open(policy: () => AgentPolicy = () => agentPolicy(), persistence = new AgentStateFile(file)) {
  const memory = createMemorySink();
  const service = await AgentService.open({
    persistence,
    scheduler: createTimerScheduler(),
    policy,
    log: createLogger(memory.sink, { level: 'debug' }),
  });
  const changes: AgentChange[] = [];
  service.subscribe((c) => changes.push(c));
  return { service, persistence, changes, logs: memory.records };
}

const saved = () => JSON.parse(readFileSync(file, 'utf8')) as { savedAt: number; state: { status: string; presence: string } };

function must(r: { ok: boolean }): void {
  expect(r).toMatchObject({ ok: true });
}

describe('AgentService', () => {
  it('starts Offline without a saved state and saves every change to a private file', async () => {
    const { service, persistence } = await open();
    expect(service.state.status).toBe('offline');
    expect(service.restoreReport).toEqual({ effects: [], notice: null });
    must(service.dispatch({ type: 'log-in' }));
    await persistence.flush();
    expect(saved()).toMatchObject({ savedAt: T0, state: { status: 'ready' } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['agent-state.json']);
    await service.close();
  });

  it('returns a refusal without changing or saving anything', async () => {
    const { service, persistence, changes } = await open();
    await persistence.flush();
    const before = readFileSync(file, 'utf8');
    const r = service.dispatch({ type: 'set-ready' });
    expect(withoutTexts(r)).toEqual({ ok: false, error: { code: 'logged-out', message: 'Log in first.' } });
    await persistence.flush();
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(changes).toEqual([]);
    await service.close();
  });

  it('turns the agent Not ready when an offer rings out, and tells telephony to stop it', async () => {
    const { service, changes } = await open(() => agentPolicy({ decline: { missedCallsBeforeNotReady: 1 } }));
    must(service.dispatch({ type: 'log-in' }));
    must(service.dispatch({ type: 'call-offered', callId: 'c1', interactionId: 'i1' }));
    await vi.advanceTimersByTimeAsync(29 * SEC);
    expect(service.state.status).toBe('ringing');
    await vi.advanceTimersByTimeAsync(1 * SEC);
    expect(service.state).toMatchObject({ status: 'not-ready', reason: 'missed-call' });
    expect(englishOf(service.view().statusLabel)).toBe('Not ready: Missed call');
    expect(changes.at(-1)?.effects[0]).toEqual({ type: 'decline-call', callId: 'c1', interactionId: 'i1', sipCode: 480, cause: 'missed' });
    await service.close();
  });

  it('returns to Ready when the ACW runs out under an auto-ready policy; an extension moves the timer', async () => {
    const { service } = await open(() => agentPolicy({ acw: { onExpiry: 'ready' } }));
    must(service.dispatch({ type: 'log-in' }));
    must(service.dispatch({ type: 'call-offered', callId: 'c1', interactionId: 'i1' }));
    must(service.dispatch({ type: 'call-answered', callId: 'c1' }));
    await vi.advanceTimersByTimeAsync(60 * SEC);
    must(service.dispatch({ type: 'call-ended', callId: 'c1' }));
    await vi.advanceTimersByTimeAsync(50 * SEC);
    must(service.dispatch({ type: 'extend-acw' }));
    await vi.advanceTimersByTimeAsync(11 * SEC);
    expect(service.state.status).toBe('wrap-up');
    expect(service.view().acw?.remainingMs).toBe(29 * SEC);
    await vi.advanceTimersByTimeAsync(29 * SEC);
    expect(service.state.status).toBe('ready');
    expect(service.view().owedWrapUps).toEqual(['i1']);
    await service.close();
  });

  it('keeps a mandatory wrap-up across a restart of main', async () => {
    const first = await open();
    must(first.service.dispatch({ type: 'log-in' }));
    must(first.service.dispatch({ type: 'call-offered', callId: 'c1', interactionId: 'i1' }));
    must(first.service.dispatch({ type: 'call-answered', callId: 'c1' }));
    must(first.service.dispatch({ type: 'call-ended', callId: 'c1' }));
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(first.service.state).toMatchObject({ status: 'wrap-up', acw: { expired: true } });
    await first.service.close();

    await vi.advanceTimersByTimeAsync(MIN);
    const second = await open();
    expect(second.service.state).toMatchObject({ status: 'wrap-up', presence: 'ready', acw: { expired: true, interactionIds: ['i1'] } });
    expect(englishOf(second.service.restoreReport.notice!)).toBe('Your wrap-up for the last call is still open.');
    expect(second.service.view().acw?.mandatory).toBe(true);
    expect(second.service.dispatch({ type: 'log-out' })).toMatchObject({ ok: false, error: { code: 'wrap-up-required' } });
    must(second.service.dispatch({ type: 'wrap-up-submitted', interactionId: 'i1' }));
    expect(second.service.state.status).toBe('ready');
    await second.service.close();
  });

  it('after a crash mid-call, logs the call as ended at the last heartbeat and opens its wrap-up', async () => {
    const first = await open();
    must(first.service.dispatch({ type: 'log-in' }));
    must(first.service.dispatch({ type: 'call-offered', callId: 'c1', interactionId: 'i1' }));
    await vi.advanceTimersByTimeAsync(2 * SEC);
    must(first.service.dispatch({ type: 'call-answered', callId: 'c1' }));
    await vi.advanceTimersByTimeAsync(75 * SEC);
    await first.persistence.flush();
    expect(saved().savedAt).toBe(T0 + 60 * SEC);
    // Crash: the process is gone, with no final save (close() only stops the timers and waits for
    // writes already under way). Main comes back three minutes later.
    await first.service.close();
    await vi.advanceTimersByTimeAsync(3 * MIN);
    const second = await open(() => agentPolicy(), new AgentStateFile(file));
    expect(second.service.restoreReport.effects).toEqual([
      expect.objectContaining({
        type: 'interaction-ended',
        interactionId: 'i1',
        outcome: 'answered',
        endedAt: T0 + 60 * SEC,
        talkSeconds: 58,
      }),
    ]);
    expect(englishOf(second.service.restoreReport.notice!)).toBe(
      'Switchboard restarted during a call. The call is logged and its wrap-up is open.',
    );
    expect(second.service.state.status).toBe('wrap-up');
    await second.service.close();
  });

  it('starts logged out with a notice when the saved state is not JSON, and keeps the file aside', async () => {
    writeFileSync(file, '{"version":1,"sav');
    const { service } = await open();
    expect(service.state.status).toBe('offline');
    expect(englishOf(service.restoreReport.notice!)).toBe('Your last agent state could not be read, so you start logged out.');
    expect(readdirSync(dir).some((f) => f.startsWith('agent-state.json.unreadable-'))).toBe(true);
    await service.close();
  });

  it('starts logged out when the saved state fails its schema, and logs only codes', async () => {
    writeFileSync(file, JSON.stringify({ version: 1, savedAt: T0, state: { status: 'on-call', name: 'Jane Doe +4930123456' } }));
    const { service, logs } = await open();
    expect(service.state.status).toBe('offline');
    expect(readdirSync(dir).filter((f) => f.includes('unreadable'))).toHaveLength(1);
    expect(JSON.stringify(logs)).not.toMatch(/Jane|4930123456/);
    expect(logs.find((r) => r.message === 'agent state snapshot invalid, starting logged out')).toBeDefined();
    await service.close();
  });

  it('releases a held wrap-up when IT lifts the mandatory policy', async () => {
    let policy = agentPolicy();
    const { service } = await open(() => policy);
    must(service.dispatch({ type: 'log-in' }));
    must(service.dispatch({ type: 'dial', callId: 'c1', interactionId: 'i1' }));
    must(service.dispatch({ type: 'call-answered', callId: 'c1' }));
    must(service.dispatch({ type: 'call-ended', callId: 'c1' }));
    await vi.advanceTimersByTimeAsync(61 * SEC);
    expect(service.state.status).toBe('wrap-up');
    policy = agentPolicy({ acw: { onExpiry: 'ready' } });
    service.policyChanged();
    expect(service.state.status).toBe('ready');
    await service.close();
  });

  it('keeps working when a listener throws, and logs state changes without personal data', async () => {
    const { service, logs } = await open();
    service.subscribe(() => {
      throw new Error('boom with +4930123456');
    });
    must(service.dispatch({ type: 'log-in' }));
    must(service.dispatch({ type: 'set-not-ready', reason: 'lunch' }));
    expect(service.state.reason).toBe('lunch');
    expect(logs.filter((r) => r.message === 'agent change listener failed')).toHaveLength(2);
    expect(JSON.stringify(logs)).not.toContain('4930123456');
    expect(logs.find((r) => r.message === 'agent state' && r.fields?.reason === 'lunch')).toMatchObject({
      fields: { event: 'set-not-ready', status: 'not-ready', presence: 'not-ready' },
    });
    await service.close();
    expect(service.dispatch({ type: 'set-ready' })).toMatchObject({ ok: false });
  });
});

describe('AgentStateFile', () => {
  it('reports a write failure on flush and recovers on the next save', async () => {
    const blocker = path.join(dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const errors: unknown[] = [];
    const f = new AgentStateFile(path.join(blocker, 'agent-state.json'), (e) => errors.push(e));
    f.save({
      version: 1,
      savedAt: T0,
      state: {
        status: 'offline',
        statusSince: T0,
        presence: 'offline',
        reason: null,
        presenceSince: T0,
        calls: [],
        owed: [],
        acw: null,
        missedInARow: 0,
        updatedAt: T0,
      },
    });
    await expect(f.flush()).rejects.toThrow();
    expect(errors).toHaveLength(1);
    await expect(f.flush()).resolves.toBeUndefined();
  });

  it('coalesces a burst of saves and keeps the newest', async () => {
    const f = new AgentStateFile(file);
    for (let i = 0; i < 50; i += 1) {
      f.save({
        version: 1,
        savedAt: T0 + i,
        state: {
          status: 'offline',
          statusSince: T0,
          presence: 'offline',
          reason: null,
          presenceSince: T0,
          calls: [],
          owed: [],
          acw: null,
          missedInARow: 0,
          updatedAt: T0,
        },
      });
    }
    await f.flush();
    expect(saved().savedAt).toBe(T0 + 49);
    expect(await f.load()).toMatchObject({ kind: 'found', raw: { savedAt: T0 + 49 } });
  });

  it('reports a missing file as missing', async () => {
    expect(await new AgentStateFile(path.join(dir, 'none.json')).load()).toEqual({ kind: 'missing' });
  });
});
