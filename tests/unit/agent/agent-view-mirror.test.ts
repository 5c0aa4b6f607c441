import { describe, expect, it } from 'vitest';
import type { AgentDeskView } from '../../../shared/agent/contract';
import { applyView, useAgent } from '../../../renderer/src/features/agent/agent-state';
import { keepUnchanged } from '../../../renderer/src/features/agent/keep-unchanged';

// The window's mirror of the agent view: main sends the whole view on every change, and the parts
// that did not change must stay the objects the panels hold, or every ring redraws the whole desk.

function view(status: 'ready' | 'ringing', extra: Partial<AgentDeskView> = {}): AgentDeskView {
  // A fresh object each time, as a parsed message is.
  return JSON.parse(
    JSON.stringify({
      now: 1_000,
      agent: { status, statusLabel: { key: status === 'ready' ? 'agent.status.ready' : 'agent.status.ringing' }, statusSince: 900 },
      reasons: [{ code: 'break', label: 'Break' }],
      wrapUpCodes: [{ code: 'resolved', label: 'Resolved', category: 'Done', needsNote: false, triggers: [] }],
      policy: { acwSeconds: 30, onExpiry: 'ready', notesMaxLength: 2000, callbackMinLeadMinutes: 5 },
      wrapUps: [],
      contact: null,
      timeline: null,
      workLogged: 0,
      crmPages: null,
      ...extra,
    }),
  ) as AgentDeskView;
}

describe('the agent view mirror', () => {
  it('a ring changes the status and the contact; the wrap-up codes, reasons and policy stay the objects the panels hold', () => {
    applyView(view('ready'));
    const before = useAgent.getState().view!;
    applyView(view('ringing', { contact: { callId: 'call-1', number: '4155550123' } as AgentDeskView['contact'] }));
    const after = useAgent.getState().view!;
    expect(after.agent.statusLabel).toEqual({ key: 'agent.status.ringing' });
    expect(after.contact?.callId).toBe('call-1');
    expect(after.agent).not.toBe(before.agent);
    expect(after.wrapUpCodes).toBe(before.wrapUpCodes);
    expect(after.reasons).toBe(before.reasons);
    expect(after.policy).toBe(before.policy);
    expect(after.wrapUps).toBe(before.wrapUps);
  });

  it('the same view again changes nothing the panels select', () => {
    applyView(view('ringing'));
    const first = useAgent.getState();
    applyView(view('ringing'));
    expect(useAgent.getState().view).toBe(first.view);
    expect(useAgent.getState().skewMs).toBe(first.skewMs);
  });

  it('keeps what is equal at any depth, takes what changed, and drops what is gone', () => {
    const prev = { a: { list: [{ id: 1 }, { id: 2 }] }, b: { x: 1 }, gone: { y: 2 } };
    const next = keepUnchanged(prev, { a: { list: [{ id: 1 }, { id: 3 }] }, b: { x: 1 } });
    expect(next).toEqual({ a: { list: [{ id: 1 }, { id: 3 }] }, b: { x: 1 } });
    expect(next.b).toBe(prev.b);
    expect(next.a.list[0]).toBe(prev.a.list[0]);
    expect(next.a).not.toBe(prev.a);
    expect(keepUnchanged(prev, JSON.parse(JSON.stringify(prev)) as typeof prev)).toBe(prev);
    expect(keepUnchanged([1, 2], [1, 2, 3])).toEqual([1, 2, 3]);
    expect(keepUnchanged({ a: 1 }, null)).toBeNull();
  });
});
