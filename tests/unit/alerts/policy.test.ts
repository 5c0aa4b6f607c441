import { describe, expect, it } from 'vitest';
import { englishOf } from '../../../shared/text/user-text';
import { alertWebhooksSchema, webhooksFor } from '../../../shared/alerts/policy';
import { checkPolicyValue, publicValue, resolvePolicy } from '../../../shared/policy/resolve';

const SLACK = 'https://hooks.slack.com/services/T0000/B0000/abcdefghijklmnopqrstuvwx';
const TEAMS = 'https://prod-00.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=s3cr3t';

const valid = {
  webhooks: { 'ops-slack': { kind: 'slack', url: SLACK }, 'ops-teams': { kind: 'teams', url: TEAMS } },
  routes: { P1: { 'acknowledge-overdue': ['ops-slack', 'ops-teams', 'ops-slack'], 'team-lead': ['ops-teams'] } },
};

describe('slaAlertWebhooks', () => {
  it('routes an event of a priority to its webhooks, each once', () => {
    const policy = alertWebhooksSchema.parse(valid);
    expect(webhooksFor(policy, 'P1', 'acknowledge-overdue').map((w) => w.id)).toEqual(['ops-slack', 'ops-teams']);
    expect(webhooksFor(policy, 'P1', 'team-lead')).toEqual([{ id: 'ops-teams', kind: 'teams', url: TEAMS }]);
    expect(webhooksFor(policy, 'P2', 'acknowledge-overdue')).toEqual([]);
    expect(webhooksFor(null, 'P1', 'acknowledge-overdue')).toEqual([]);
  });

  it('takes https:// and http://127.0.0.1 only, and never repeats the address in its problem', () => {
    for (const url of [
      'http://hooks.slack.com/services/T/B/secretpath',
      'http://localhost:8080/secretpath',
      'ftp://x/secretpath',
      'https://user:pw@x/secretpath',
    ]) {
      const checked = checkPolicyValue('slaAlertWebhooks', { webhooks: { a: { kind: 'slack', url } }, routes: {} });
      expect(checked.ok).toBe(false);
      if (!checked.ok) {
        expect(englishOf(checked.reason)).toContain('webhooks.a.url: must be an https:// webhook address');
        expect(englishOf(checked.reason)).not.toContain('secretpath');
      }
    }
    expect(
      checkPolicyValue('slaAlertWebhooks', { webhooks: { a: { kind: 'teams', url: 'http://127.0.0.1:4000/x' } }, routes: {} }).ok,
    ).toBe(true);
  });

  it('names a route to an unknown webhook, an unknown event and an unknown kind', () => {
    const checked = checkPolicyValue('slaAlertWebhooks', {
      webhooks: { a: { kind: 'email', url: SLACK } },
      routes: { P1: { 'acknowledge-overdue': ['b'], 'team-leader': ['a'] } },
    });
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(englishOf(checked.reason)).toContain('webhooks.a.kind: must be "slack"');
      expect(englishOf(checked.reason)).toContain('routes.P1');
    }
    const unknown = checkPolicyValue('slaAlertWebhooks', {
      webhooks: { a: { kind: 'slack', url: SLACK } },
      routes: { P1: { 'acknowledge-overdue': ['b'] } },
    });
    expect(unknown.ok || englishOf(unknown.reason)).toBe('routes.P1.acknowledge-overdue[0]: names "b", which is not in webhooks');
  });

  it('is a secret: the renderer sees "(set)", and broken JSON is reported without its text', () => {
    expect(publicValue('slaAlertWebhooks', alertWebhooksSchema.parse(valid))).toBe('(set)');
    const policy = resolvePolicy([
      // The address itself where the JSON belongs: the parser's message would quote its start.
      { source: 'policy.json', defaults: {}, enforced: { slaAlertWebhooks: SLACK }, problems: [] },
    ]);
    expect(policy.problems).toHaveLength(1);
    expect(englishOf(policy.problems[0]!.message)).toContain(
      '"slaAlertWebhooks" in policy.json (enforced) is not valid: is not valid JSON.',
    );
    expect(englishOf(policy.problems[0]!.message)).not.toContain('https:');
  });

  it('slaAlertContent is full or ids-only, full by default', () => {
    expect(resolvePolicy([]).values.slaAlertContent).toBe('full');
    expect(checkPolicyValue('slaAlertContent', 'ids-only').ok).toBe(true);
    expect(checkPolicyValue('slaAlertContent', 'names').ok).toBe(false);
  });
});
