import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/logging/logger';
import { ConflictBook, type MetaPort } from '../../../electron/sync/conflicts';
import { STORED_TEXT_MAX, storedText, textOfStored } from '../../../electron/sync/failure-text';
import { rejection } from '../../../electron/sync/connectors/zendesk/zendesk-tickets';
import { StatusReporter } from '../../../electron/sync/sync-status';
import type { OutboxRow } from '../../../shared/store/types';
import { syncStatusSchema, type SyncStatus } from '../../../shared/sync/contract';
import { englishOf, userText, type UserText } from '../../../shared/text/user-text';
import { i18n, translateUserText } from '../../../renderer/src/i18n';

/**
 * The sync strip's PARKED ITEMS and CONFLICTS say why, in the agent's language: the outbox row keeps
 * the reason as a message (electron/sync/failure-text.ts), the status carries it to the window, and
 * what the CRM itself said stays as it said it. A row kept by an older version holds an English
 * sentence: it still shows, as written.
 */

function row(id: number, state: OutboxRow['state'], lastErrorMessage: string | null): OutboxRow {
  return {
    id,
    idempotencyKey: `key-${id}`,
    entityKind: 'case',
    entityId: `zd-ticket-${id}`,
    orderingKey: `zd-ticket-${id}`,
    operation: 'update',
    payload: { id: `zd-ticket-${id}`, patch: { status: 'open' }, baseVersion: 1 },
    createdAt: 1_700_000_000_000,
    attempts: 1,
    nextAttemptAt: 0,
    state,
    lastErrorCode: state === 'conflict' ? 'version-conflict' : 'http-422',
    lastErrorMessage,
    sentAt: null,
  };
}

class MemoryMeta implements MetaPort {
  readonly values = new Map<string, string>();
  getMeta(key: string): Promise<string | null> {
    return Promise.resolve(this.values.get(key) ?? null);
  }
  setMeta(key: string, value: string | null): Promise<void> {
    if (value === null) this.values.delete(key);
    else this.values.set(key, value);
    return Promise.resolve();
  }
}

/** The status as the window receives it, after the reporter read `parked` and `conflicts` from the outbox. */
async function statusOf(parked: OutboxRow[], conflicts: OutboxRow[], book = new ConflictBook(new MemoryMeta())): Promise<SyncStatus> {
  const reporter = new StatusReporter({
    store: {
      outboxSnapshot: () =>
        Promise.resolve({ counts: { pending: 0, parked: parked.length, conflict: conflicts.length, sent: 0 }, parked, conflicts }),
    },
    book,
    log: silentLogger,
    emit: () => undefined,
    status: () => {
      throw new Error('not asked for here');
    },
    closed: () => false,
  });
  await reporter.refreshOutbox();
  return syncStatusSchema.parse({
    connector: 'zendesk',
    connectorLocked: false,
    zendesk: { auth: 'api-token', email: null, emailLocked: false, tokenByPolicy: false, signedIn: false },
    salesforce: { signedIn: false },
    connection: 'online',
    server: 'acme.zendesk.com',
    problem: null,
    locked: false,
    activity: 'idle',
    progress: null,
    stages: null,
    apiUsage: null,
    lastSyncAt: null,
    lastPushAt: null,
    nextAttemptAt: null,
    outbox: reporter.outbox,
    parked: reporter.parked,
    conflicts: reporter.conflicts,
  });
}

/** Zendesk's answer to a change of a closed ticket, as its API sends it. */
const CLOSED_TICKET = {
  status: 422,
  headers: {},
  body: Buffer.from(
    JSON.stringify({
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { status: [{ description: 'Status: closed prevents ticket update' }] },
    }),
  ),
};

describe('parked items and conflicts in the agent’s language', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('shows a parked item’s reason in German, with what Zendesk said kept as Zendesk said it', async () => {
    const refused = rejection(CLOSED_TICKET, 'acme.zendesk.com', 'changeTicket', 42);
    if (refused.kind !== 'rejected') throw new Error('expected a refusal');
    const status = await statusOf([row(1, 'parked', storedText(refused.message))], []);
    const message = status.parked[0]!.message;
    expect(englishOf(message)).toBe(
      'acme.zendesk.com refused to change the ticket (ticket 42): Zendesk did not accept the values. Record validation errors: Status: closed prevents ticket update',
    );

    await i18n.changeLanguage('de');
    expect(translateUserText(message)).toBe(
      'acme.zendesk.com hat es abgelehnt, das Ticket zu ändern (Ticket 42): Zendesk hat die Werte nicht angenommen. Record validation errors: Status: closed prevents ticket update',
    );
  });

  it('shows the English sentence an older version kept in the row as it is, also in German', async () => {
    const old = 'acme.zendesk.com refused to change the ticket (ticket 7): it was not found';
    const status = await statusOf([row(7, 'parked', old), row(8, 'parked', null)], [row(9, 'conflict', 'Changed on the server too')]);
    await i18n.changeLanguage('de');
    expect(translateUserText(status.parked[0]!.message)).toBe(old);
    // No reason kept at all: Switchboard's own sentence, translated.
    expect(translateUserText(status.parked[1]!.message)).toBe('Der Server hat diesen Eintrag abgelehnt');
    expect(translateUserText(status.conflicts[0]!.message)).toBe('Changed on the server too');
  });

  it('shows a conflict’s reason in German, also one whose server copy an older version kept with an English sentence', async () => {
    const meta = new MemoryMeta();
    const kept = { theirs: { subject: 'Printer on fire' }, theirsVersion: 5, detectedAt: 1_700_000_000_000, entityKind: 'case' };
    meta.values.set(
      'sync.conflicts',
      JSON.stringify([
        { ...kept, outboxId: 3, entityId: 'zd-ticket-3', message: userText('sync.refusal.ticketChanged', { at: '2026-12-06T17:00:00Z' }) },
        {
          ...kept,
          outboxId: 4,
          entityId: 'zd-ticket-4',
          message: 'The ticket was changed in Zendesk (at 2025-01-01T00:00:00Z) after the version this change was based on',
        },
      ]),
    );
    const book = new ConflictBook(meta);
    await book.load();
    const status = await statusOf([], [row(3, 'conflict', null), row(4, 'conflict', null)], book);
    await i18n.changeLanguage('de');
    expect(status.conflicts.map((c) => [c.title, translateUserText(c.message)])).toEqual([
      [
        'Printer on fire',
        'Das Ticket wurde in Zendesk geändert (um 2026-12-06T17:00:00Z), nachdem die Version entstand, auf der diese Änderung beruht',
      ],
      ['Printer on fire', 'The ticket was changed in Zendesk (at 2025-01-01T00:00:00Z) after the version this change was based on'],
    ]);
  });

  it('keeps a long reason from the CRM within what the row holds, and it still reads as the message', () => {
    const detail = 'x'.repeat(3000);
    const text: UserText = userText('sync.salesforceRefusal.taskRefused', { detail });
    const stored = storedText(text);
    expect(stored.length).toBeLessThanOrEqual(STORED_TEXT_MAX);
    const back = textOfStored(stored, userText('sync.outbox.parkedUnknown'));
    expect(back.key).toBe('sync.salesforceRefusal.taskRefused');
    expect(englishOf(back)).toMatch(/^Salesforce refused the Task: x+…$/);
  });
});
