import { afterAll, describe, expect, it } from 'vitest';
import { DO_NOT_CALL_ISSUE } from '../../../shared/agent/do-not-call';
import { BridgeError } from '../../../shared/bridge/errors';
import { createDoNotCallGuard } from '../../../electron/agent/do-not-call-guard';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { interaction, openStore, tempDataDir, wrapUp } from '../store/support';

const APPROVAL = { supervisor: 'Sam Okafor', reason: 'The customer emailed asking to be called about the refund.' };

async function refusalOf(promise: Promise<unknown>): Promise<BridgeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof BridgeError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

/** The guard on the real store without a phone: the policy's "never", and a store that cannot answer. */
describe('do-not-call guard on the real store', () => {
  const tmp = tempDataDir('dnc-guard');
  afterAll(() => tmp.cleanup());

  it('refuses with no approval possible under "never", and refuses safely when the store is closed', async () => {
    const { store } = await openStore(tmp.dir);
    await store.commitLocal([
      { kind: 'interaction', record: interaction({ id: 'I-1', number: '+14155550199' }) },
      {
        kind: 'wrap-up',
        record: wrapUp('I-1', { state: 'submitted', code: 'resolved', revision: 1, submittedAt: 1, doNotCall: { number: '415 555 0199' } }),
      },
    ]);
    const memory = createMemorySink();
    const guard = createDoNotCallGuard({ store, mode: () => 'never', now: () => 5, log: createLogger(memory.sink) });
    const listed = { kind: 'e164' as const, user: '+14155550199' };

    const never = await refusalOf(guard.check(listed, APPROVAL));
    expect(never.message).toBe(
      '+1 415 555 0199 is on the do-not-call list. The call was not placed. Your organisation does not allow calling numbers on the list.',
    );
    expect(never.issues).toEqual([DO_NOT_CALL_ISSUE]);
    expect(await guard.check({ kind: 'e164', user: '+14155550123' }, null)).toBeNull();

    await store.close();
    const closed = await refusalOf(guard.check({ kind: 'e164', user: '+14155550123' }, null));
    expect(closed.message).toMatch(/^Switchboard could not check the do-not-call list, so the call was not placed\./);
    // An internal extension is still called: colleagues and Tier 2 are not customers.
    expect(await guard.check({ kind: 'extension', user: '2001' }, null)).toBeNull();
    expect(memory.records.some((r) => r.message === 'do-not-call list could not be checked')).toBe(true);
  });
});
