import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BridgeError } from '../../../shared/bridge/errors';
import { toBridgeError } from '../../../electron/store/bridge-errors';
import { StoreError } from '../../../electron/store/errors';
import type { StoreClient } from '../../../electron/store/store-client';
import { i18n } from '../../../renderer/src/i18n/i18n';
import { fieldIssuesOf } from '../../../renderer/src/bridge/field-issues';
import { translateUserText } from '../../../renderer/src/i18n/user-text';
import { openStore, tempDataDir } from './support';

/**
 * An edit the store refuses says why in the agent's language: the refusal and each field's
 * problem travel as messages (the record schemas' rules, zod's own checks said as rules, a phone
 * number that is not one), beside their English for the log.
 */
describe("the store's refusals of an edit, in German", () => {
  const tmp = tempDataDir('refusals-de');
  let store: StoreClient;

  beforeAll(async () => {
    ({ store } = await openStore(tmp.dir, { phoneRegion: 'US' }));
    await store.upsertCustomers([{ id: 'C-1', name: 'Ana Lima', phones: ['+14155550123'], updatedAt: 1, version: 4 }]);
    await store.upsertCases([
      { id: 'K-1', customerId: 'C-1', subject: 'No dial tone', status: 'open', priority: 'P2', updatedAt: 1, version: 9 },
    ]);
  });
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });
  afterAll(async () => {
    await store?.close();
    tmp.cleanup();
  });

  async function refusal(run: () => Promise<unknown>): Promise<StoreError> {
    const error = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }

  /** What the window shows: the refusal's sentence, and each field's problem, in its language. */
  async function shownInGerman(error: StoreError): Promise<{ message: string; fields: Record<string, string> }> {
    const body = (toBridgeError(error) as BridgeError).toBody();
    await i18n.changeLanguage('de');
    const shown = BridgeError.fromBody(body, translateUserText);
    return { message: shown.message, fields: Object.fromEntries(fieldIssuesOf(shown).map((i) => [i.path, i.message])) };
  }

  it("says a schema's rules and zod's own checks in German, and keeps the English for the log", async () => {
    const error = await refusal(() =>
      store.commitLocal([
        { kind: 'case-update', id: 'K-1', patch: {} },
        { kind: 'case-update', id: 'K-1', patch: { subject: '   ' } },
      ]),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe('The change was refused');
    expect(error.issues).toEqual(['changes.0.patch: nothing to change', expect.stringMatching(/^changes\.1\.patch\.subject: /)]);

    expect(await shownInGerman(error)).toEqual({
      message: 'Die Änderung wurde abgelehnt',
      fields: { 'changes.0.patch': 'ändert nichts', 'changes.1.patch.subject': 'darf nicht leer sein' },
    });
  });

  it('says a phone number that is not one in German', async () => {
    const error = await refusal(() => store.updateCustomer('C-1', { phones: ['ext 12'] }));
    expect(error.message).toBe('The change to the customer was refused');
    expect(error.issues).toEqual([expect.stringMatching(/^patch\.phones\.0: "ext 12" is not a phone number/)]);

    const { message, fields } = await shownInGerman(error);
    expect(message).toBe('Die Änderung am Kunden wurde abgelehnt');
    expect(Object.keys(fields)).toEqual(['patch.phones.0']);
    expect(fields['patch.phones.0']).toMatch(/^„ext 12“ ist keine Telefonnummer/);
  });

  it('says an edit of a case changed meanwhile in German', async () => {
    const error = await refusal(() => store.updateCase('K-1', { status: 'pending' }, 8));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('The case changed since it was opened (now version 9); reload it and try again');
    expect((await shownInGerman(error)).message).toBe(
      'Der Fall wurde geändert, seit er geöffnet wurde (jetzt Version 9); laden Sie ihn neu und versuchen Sie es erneut',
    );
  });
});
