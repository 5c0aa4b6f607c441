import { describe, expect, it } from 'vitest';
import { alertFactsOf, alertPayloadSchema, headline, overdueWords, type AlertFacts } from '../../../electron/alerts/alert-facts';
import { escapeMrkdwn, slackMessage } from '../../../electron/alerts/slack-message';
import { teamsMessage } from '../../../electron/alerts/teams-message';
import type { EscalationRecord } from '../../../shared/escalation/records';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);

function record(overrides: Partial<EscalationRecord> = {}): EscalationRecord {
  return {
    id: 'ESC-1',
    agentId: 'agent-7',
    source: 'case',
    interactionId: null,
    caseId: 'zd-ticket-5001',
    customerId: 'zd-user-77',
    tier: 'tier-2',
    group: 'network',
    priority: 'P1',
    summary: 'Secret summary the agent wrote',
    handoff: { customerExpectation: 'call 07700 900123', troubleshootingDone: 'x', recommendedNextSteps: 'y' },
    createdAt: T0,
    acknowledgeBy: T0 + 15 * MIN,
    resolveBy: T0 + 240 * MIN,
    acknowledgedAt: null,
    resolvedAt: null,
    warmTransferAt: null,
    chain: [
      { role: 'team-lead', dueAt: T0 + 30 * MIN, notifiedAt: null, acknowledgedAt: null },
      { role: 'service-manager', dueAt: T0 + 60 * MIN, notifiedAt: null, acknowledgedAt: null },
    ],
    revision: 0,
    updatedAt: T0,
    ...overrides,
  };
}

function facts(overrides: Partial<Parameters<typeof alertFactsOf>[0]> = {}): AlertFacts {
  return alertFactsOf({
    record: record(),
    event: 'acknowledge-overdue',
    raisedAt: T0 + 27 * MIN,
    content: 'full',
    group: 'Network operations',
    caseTitle: 'Cabinet <b>down</b> & [click](https://evil.example)',
    customerName: 'Ada Lovelace',
    caseLink: { crm: 'Zendesk', url: 'https://acme.zendesk.com/agent/tickets/5001' },
    ...overrides,
  });
}

describe('alert facts', () => {
  it('say what is overdue, by how much, from which deadline', () => {
    const f = facts();
    expect(f.deadlineAt).toBe(T0 + 15 * MIN);
    expect(headline(f)).toBe('P1 escalation ESC-1 (case zd-ticket-5001): Acknowledgement overdue by 12 min');
    expect(headline(facts({ event: 'team-lead', raisedAt: T0 + 30 * MIN }))).toBe(
      'P1 escalation ESC-1 (case zd-ticket-5001): Team Lead involved, unresolved after 30 min',
    );
    expect(facts({ event: 'resolve-overdue' }).deadlineAt).toBe(T0 + 240 * MIN);
    expect(facts({ event: 'service-manager' }).deadlineAt).toBe(T0 + 60 * MIN);
  });

  it('ids only keeps no title and no name, whatever the store had', () => {
    const f = facts({ content: 'ids-only' });
    expect(f.caseTitle).toBeNull();
    expect(f.customerName).toBeNull();
    expect(JSON.stringify(slackMessage(f))).toContain('zd-user-77');
  });

  it('never carry the handoff or the summary, and read back through the outbox schema', () => {
    const f = facts();
    const stored = JSON.parse(JSON.stringify({ webhook: 'ops', kind: 'slack', facts: f })) as unknown;
    expect(alertPayloadSchema.parse(stored).facts).toEqual(f);
    for (const text of [JSON.stringify(f), JSON.stringify(slackMessage(f)), JSON.stringify(teamsMessage(f))]) {
      expect(text).not.toContain('07700');
      expect(text).not.toContain('Secret summary');
    }
  });

  it.each([
    [0, '0 min'],
    [59 * MIN, '59 min'],
    [65 * MIN, '1 h 05 min'],
    [(26 * 60 + 5) * MIN, '1 d 2 h'],
  ])('overdue %i ms reads %s', (ms, words) => expect(overdueWords(ms)).toBe(words));
});

describe('Slack Block Kit message', () => {
  it('has a header, the facts as fields, the case button and a context line', () => {
    const message = slackMessage(facts());
    expect(message.text).toBe('P1 escalation ESC-1 (case zd-ticket-5001): Acknowledgement overdue by 12 min');
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'actions', 'context']);
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'P1 escalation: Acknowledgement overdue', emoji: false },
    });
    const fields = (message.blocks[1] as { fields: { type: string; text: string }[] }).fields;
    expect(fields.length).toBeLessThanOrEqual(10);
    expect(fields.map((f) => f.text.split('\n')[0])).toEqual([
      '*Priority*',
      '*Overdue by*',
      '*Case*',
      '*Title*',
      '*Customer*',
      '*Agent*',
      '*Group*',
      '*Escalation*',
    ]);
    expect(fields[1]!.text).toBe('*Overdue by*\n12 min (due 2026-12-07 09:15 UTC)');
    const button = (message.blocks[2] as { elements: { url: string; text: { text: string } }[] }).elements[0]!;
    expect(button).toMatchObject({ url: 'https://acme.zendesk.com/agent/tickets/5001', text: { text: 'Open case in Zendesk' } });
  });

  it('escapes case text so it cannot mention, link or inject markup', () => {
    expect(escapeMrkdwn('<!channel> & <https://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;https://x|y&gt;');
    const title = (slackMessage(facts()).blocks[1] as { fields: { text: string }[] }).fields[3]!.text;
    expect(title).toBe('*Title*\nCabinet &lt;b&gt;down&lt;/b&gt; &amp; [click](https://evil.example)');
  });

  it('has no button without a CRM page', () => {
    expect(slackMessage(facts({ caseLink: null })).blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
  });
});

describe('Teams Adaptive Card message', () => {
  it('is a message with one Adaptive Card attachment: headline, facts, open-case action', () => {
    const message = teamsMessage(facts());
    expect(message.type).toBe('message');
    expect(message.attachments).toHaveLength(1);
    const attachment = message.attachments[0]!;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment.contentUrl).toBeNull();
    const card = attachment.content as {
      type: string;
      version: string;
      body: { type: string; text?: string; facts?: { title: string; value: string }[] }[];
      actions: unknown[];
    };
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.4');
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'P1 escalation: Acknowledgement overdue' });
    const factSet = card.body.find((b) => b.type === 'FactSet')!.facts!;
    expect(Object.fromEntries(factSet.map((f) => [f.title, f.value]))).toEqual({
      Priority: 'P1',
      'Overdue by': '12 min (due 2026-12-07 09:15 UTC)',
      Case: 'zd-ticket-5001',
      Title: 'Cabinet <b>down</b> & \\[click\\]\\(https://evil.example\\)',
      Customer: 'Ada Lovelace',
      Agent: 'agent-7',
      Group: 'Network operations',
      Escalation: 'ESC-1',
    });
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open case in Zendesk', url: 'https://acme.zendesk.com/agent/tickets/5001' },
    ]);
  });

  it('has no action without a CRM page', () => {
    expect((teamsMessage(facts({ caseLink: null })).attachments[0]!.content as { actions?: unknown }).actions).toBeUndefined();
  });
});
