import { describe, expect, it } from 'vitest';
import { englishOf } from '../../../shared/text/user-text';
import { DEFAULT_TIMING, pullTimingFromPolicy } from '../../../electron/sync/sync-options';
import { checkPolicyValue } from '../../../shared/policy/resolve';

/**
 * IT sets how often the CRM is asked for changes (crmPullIntervalSeconds): a large centre on a small
 * Salesforce allocation raises it, since each round costs the org API calls (docs/crm.md).
 */
describe('the CRM pull interval by policy', () => {
  it('takes whole seconds from 30 to 3600, written as text like every number in the policy', () => {
    expect(checkPolicyValue('crmPullIntervalSeconds', '120')).toEqual({ ok: true, value: 120 });
    expect(checkPolicyValue('crmPullIntervalSeconds', ' 300 ')).toEqual({ ok: true, value: 300 });
    const refusal = (raw: string) => {
      const checked = checkPolicyValue('crmPullIntervalSeconds', raw);
      return checked.ok ? null : englishOf(checked.reason);
    };
    expect(refusal('10')).toMatch(/at least 30 seconds/);
    expect(refusal('7200')).toMatch(/at most 3600/);
    expect(refusal('1.5')).toMatch(/whole number/);
  });

  it("is the sync service's pull interval; not set, the built-in minute", () => {
    expect(pullTimingFromPolicy(120)).toEqual({ pullIntervalMs: 120_000 });
    expect(pullTimingFromPolicy(null)).toEqual({ pullIntervalMs: DEFAULT_TIMING.pullIntervalMs });
    expect(DEFAULT_TIMING.pullIntervalMs).toBe(60_000);
  });
});
