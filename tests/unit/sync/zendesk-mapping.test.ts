import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../electron/sync/case-source';
import { zdTicket, zdUser } from '../../../electron/sync/connectors/zendesk/zendesk-api';
import {
  FIRST_CURSOR,
  HISTORY_NOT_STARTED,
  SEARCH_CURSOR_MAX_AGE_MS,
  decodeCursor,
  encodeCursor,
  usableSearchCursor,
} from '../../../electron/sync/connectors/zendesk/zendesk-cursor';
import { describeZendeskError, parseZendeskBaseUrl } from '../../../electron/sync/connectors/zendesk/zendesk-http';
import { retryAfterMs } from '../../../electron/sync/http-answers';
import { zendeskAgentUrl } from '../../../electron/sync/connectors/zendesk/zendesk-links';
import {
  caseIdOf,
  customerIdOf,
  isGoneUser,
  priorityIn,
  priorityOut,
  stampOf,
  statusIn,
  statusOut,
  toPulledCase,
  toPulledCustomer,
  versionOf,
  zendeskIdOf,
} from '../../../electron/sync/connectors/zendesk/zendesk-mapping';
import { hasMarker, interactionNote, markers, wrapUpNote } from '../../../electron/sync/connectors/zendesk/zendesk-notes';
import { wrapUpTag } from '../../../electron/sync/connectors/zendesk/zendesk-push';
import type { Interaction, WrapUpRecord } from '../../../shared/store/types';

/** Zendesk records → Switchboard records, cursors, addresses and texts: pure functions, no network. */

const LOCAL = '6f1c2b1e-8c3d-4e5f-9a0b-1c2d3e4f5a6b';

const user = (over: Record<string, unknown> = {}) =>
  zdUser.parse({
    id: 35436,
    name: 'Johnny Customer',
    email: 'johnny@example.com',
    phone: '(415) 555-0123',
    role: 'end-user',
    active: true,
    organization_id: 57542,
    external_id: null,
    notes: 'Prefers mornings',
    created_at: '2009-07-20T22:55:29Z',
    updated_at: '2011-05-05T10:38:52Z',
    ...over,
  });

const ticket = (over: Record<string, unknown> = {}) =>
  zdTicket.parse({
    id: 35436,
    subject: 'Help, my printer is on fire!',
    description: 'The fire is very colorful.',
    status: 'open',
    priority: 'high',
    requester_id: 20978392,
    external_id: null,
    tags: ['enterprise'],
    created_at: '2009-07-20T22:55:29Z',
    updated_at: '2011-05-05T10:38:52Z',
    ...over,
  });

describe('users → customers', () => {
  it('maps an end user with a national number to E.164 in the default region, with the organization as company', () => {
    const c = toPulledCustomer(user(), 'Northwind', 'US');
    expect(c).toEqual({
      id: 'zd-user-35436',
      name: 'Johnny Customer',
      email: 'johnny@example.com',
      company: 'Northwind',
      notes: 'Prefers mornings',
      phones: ['+14155550123'],
      createdAt: Date.parse('2009-07-20T22:55:29Z'),
      updatedAt: Date.parse('2011-05-05T10:38:52Z'),
      version: Date.parse('2011-05-05T10:38:52Z'),
    });
  });

  it('reads a number without country code in the configured region, and keeps a number it cannot read as Zendesk has it', () => {
    expect(toPulledCustomer(user({ phone: '020 7946 0018' }), null, 'GB').phones).toEqual(['+442079460018']);
    expect(toPulledCustomer(user({ phone: '+44 20 7946 0018' }), null, 'US').phones).toEqual(['+442079460018']);
    expect(toPulledCustomer(user({ phone: 'ext 12' }), null, 'US').phones).toEqual(['ext 12']);
    expect(toPulledCustomer(user({ phone: null }), null, 'US').phones).toEqual([]);
  });

  it('names a user without a name by email, then number', () => {
    expect(toPulledCustomer(user({ name: '  ' }), null, 'US').name).toBe('johnny@example.com');
    expect(toPulledCustomer(user({ name: '', email: null }), null, 'US').name).toBe('+14155550123');
  });

  it('treats deleted (inactive) users and agents as gone', () => {
    expect(isGoneUser(user())).toBe(false);
    expect(isGoneUser(user({ active: false }))).toBe(true);
    expect(isGoneUser(user({ role: 'agent' }))).toBe(true);
    expect(isGoneUser(user({ role: 'admin' }))).toBe(true);
  });

  it('keeps the UUID of a customer made on a desktop (external id), and ignores other systems’ external ids', () => {
    expect(customerIdOf(user({ external_id: `switchboard:customer:${LOCAL}` }))).toBe(LOCAL);
    expect(customerIdOf(user({ external_id: 'switchboard:customer:not-a-uuid' }))).toBe('zd-user-35436');
    expect(customerIdOf(user({ external_id: 'sai989sur98w9' }))).toBe('zd-user-35436');
  });
});

describe('tickets → cases', () => {
  it('maps status, priority, requester and version', () => {
    expect(toPulledCase(ticket(), 'zd-user-20978392')).toEqual({
      id: 'zd-ticket-35436',
      customerId: 'zd-user-20978392',
      subject: 'Help, my printer is on fire!',
      description: 'The fire is very colorful.',
      status: 'open',
      priority: 'P2',
      createdAt: Date.parse('2009-07-20T22:55:29Z'),
      updatedAt: Date.parse('2011-05-05T10:38:52Z'),
      version: Date.parse('2011-05-05T10:38:52Z'),
    });
  });

  it('maps every Zendesk status and priority, and back', () => {
    expect(['new', 'open', 'pending', 'hold', 'solved', 'closed'].map(statusIn)).toEqual([
      'new',
      'open',
      'pending',
      'on-hold',
      'solved',
      'closed',
    ]);
    expect(statusIn('deleted')).toBeNull();
    expect(statusOut('on-hold')).toBe('hold');
    expect(['urgent', 'high', 'normal', 'low', null].map(priorityIn)).toEqual(['P1', 'P2', 'P3', 'P4', 'P3']);
    expect(priorityOut('P1')).toBe('urgent');
  });

  it('gives a deleted ticket no case (the caller lists it as deleted)', () => {
    expect(toPulledCase(ticket({ status: 'deleted' }), 'zd-user-1')).toBeNull();
    expect(caseIdOf(ticket({ status: 'deleted', external_id: `switchboard:case:${LOCAL}` }))).toBe(LOCAL);
  });

  it('gives a ticket without subject one from its description', () => {
    expect(toPulledCase(ticket({ subject: null, raw_subject: null, description: 'First line\nsecond' }), 'zd-user-1')!.subject).toBe(
      'First line',
    );
    expect(toPulledCase(ticket({ subject: '', description: '' }), 'zd-user-1')!.subject).toBe('Zendesk ticket 35436');
  });

  it('refuses a Zendesk answer without the fields it needs', () => {
    expect(zdTicket.safeParse({ id: 1, status: 'open' }).success).toBe(false);
    expect(zdUser.safeParse({ id: 'x', updated_at: '2011-05-05T10:38:52Z' }).success).toBe(false);
  });
});

describe('ids and versions', () => {
  it('reads Zendesk ids out of Switchboard ids only where they are Zendesk’s', () => {
    expect(zendeskIdOf('zd-ticket-42', 'zd-ticket-')).toBe(42);
    expect(zendeskIdOf('zd-ticket-042', 'zd-ticket-')).toBeNull();
    expect(zendeskIdOf('zd-user-42', 'zd-ticket-')).toBeNull();
    expect(zendeskIdOf(LOCAL, 'zd-ticket-')).toBeNull();
  });

  it('writes a version back as the updated_at it came from', () => {
    const v = versionOf('2019-09-12T21:45:16Z');
    expect(v).toBe(Date.UTC(2019, 8, 12, 21, 45, 16));
    expect(stampOf(v)).toBe('2019-09-12T21:45:16Z');
    expect(stampOf(v + 250)).toBe('2019-09-12T21:45:16.250Z');
  });
});

describe('cursors', () => {
  it('starts with the open phase and survives a round trip through the store (a string)', () => {
    expect(decodeCursor(null, 'cases')).toEqual(FIRST_CURSOR);
    for (const c of [
      { phase: 'open', search: 'eyJmaWVsZCI6ImNyZWF0ZWRfYXQifQ==', searchAt: 1_700_000_000_000 },
      {
        phase: 'history',
        after: 'MTU3NjYxMzUzOS4wfHw0Njd8',
        start: 0,
        progress: { done: 120_000, total: 1_000_000, reachedAt: 1_600_000_000_000, complete: false },
      },
      { phase: 'history', after: null, start: 0, progress: HISTORY_NOT_STARTED },
    ] as const) {
      const encoded = encodeCursor(c);
      expect(encoded).toMatch(/^zd1\.[A-Za-z0-9_-]+$/);
      expect(decodeCursor(encoded, 'cases')).toEqual(c);
    }
  });

  it('keeps the place of a history cursor whose progress is missing (written before it was kept) or does not read', () => {
    const raw = (value: unknown) => `zd1.${Buffer.from(JSON.stringify(value)).toString('base64url')}`;
    for (const progress of [undefined, { done: -1, total: null, reachedAt: null, complete: false }, { done: 5 }, 'far']) {
      expect(decodeCursor(raw({ phase: 'history', after: 'K1', start: 0, progress }), 'cases')).toEqual({
        phase: 'history',
        after: 'K1',
        start: 0,
        progress: HISTORY_NOT_STARTED,
      });
    }
  });

  it('refuses a cursor it cannot read as cursor-invalid, so the feed starts again', () => {
    for (const bad of ['v1.cases.6c1f0a9e.1048576', 'zd1.%%%', `zd1.${Buffer.from('{"phase":"later"}').toString('base64url')}`]) {
      const error = (() => {
        try {
          decodeCursor(bad, 'customers');
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(SourceError);
      expect((error as SourceError).kind).toBe('cursor-invalid');
    }
  });

  it('does not send a search cursor older than Zendesk keeps it', () => {
    const open = { phase: 'open' as const, search: 'abc', searchAt: 1_000_000 };
    expect(usableSearchCursor(open, 1_000_000 + 60_000)).toBe('abc');
    expect(usableSearchCursor(open, 1_000_000 + SEARCH_CURSOR_MAX_AGE_MS)).toBeNull();
    expect(usableSearchCursor(FIRST_CURSOR as Extract<typeof FIRST_CURSOR, { phase: 'open' }>, 0)).toBeNull();
  });
});

describe('addresses', () => {
  it('takes an https account address, and http only on this machine', () => {
    expect(parseZendeskBaseUrl('https://acme.zendesk.com/').href).toBe('https://acme.zendesk.com/');
    expect(parseZendeskBaseUrl('http://127.0.0.1:8123').href).toBe('http://127.0.0.1:8123/');
    expect(() => parseZendeskBaseUrl('http://acme.zendesk.com')).toThrow(/https/);
    expect(() => parseZendeskBaseUrl('https://me:pw@acme.zendesk.com')).toThrow(/user name/);
    expect(() => parseZendeskBaseUrl('https://acme.zendesk.com/api/v2')).toThrow(/without a path/);
  });

  it('opens a ticket or user in the agent interface, only over https (or loopback) and only for Zendesk ids', () => {
    expect(zendeskAgentUrl('https://acme.zendesk.com', { kind: 'ticket', id: 'zd-ticket-35436' })).toBe(
      'https://acme.zendesk.com/agent/tickets/35436',
    );
    expect(zendeskAgentUrl('https://acme.zendesk.com/', { kind: 'user', id: 'zd-user-7' })).toBe('https://acme.zendesk.com/agent/users/7');
    expect(zendeskAgentUrl('https://acme.zendesk.com', { kind: 'ticket', id: 12 })).toBe('https://acme.zendesk.com/agent/tickets/12');
    expect(zendeskAgentUrl('http://127.0.0.1:9000', { kind: 'ticket', id: 12 })).toBe('http://127.0.0.1:9000/agent/tickets/12');
    expect(zendeskAgentUrl('http://acme.zendesk.com', { kind: 'ticket', id: 12 })).toBeNull();
    expect(zendeskAgentUrl('javascript:alert(1)', { kind: 'ticket', id: 12 })).toBeNull();
    expect(zendeskAgentUrl('https://acme.zendesk.com', { kind: 'ticket', id: LOCAL })).toBeNull();
    expect(zendeskAgentUrl('https://acme.zendesk.com', { kind: 'user', id: 'zd-ticket-1' })).toBeNull();
  });
});

describe('Zendesk answers in words', () => {
  it('makes a validation error readable', () => {
    const body = JSON.stringify({
      error: 'RecordInvalid',
      description: 'Record validation errors',
      details: { status: [{ description: 'Status: closed prevents ticket update', error: 'InvalidValue' }] },
    });
    expect(describeZendeskError(body)).toBe('Record validation errors: Status: closed prevents ticket update');
    expect(describeZendeskError(JSON.stringify({ error: { title: 'Forbidden', message: 'You do not have access' } }))).toBe(
      'Forbidden: You do not have access',
    );
    expect(describeZendeskError('Too Many Requests')).toBeNull();
  });

  it('reads Retry-After as seconds or a date, capped at an hour', () => {
    expect(retryAfterMs('7', 0)).toBe(7000);
    expect(retryAfterMs(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(retryAfterMs('999999', 0)).toBe(3_600_000);
    expect(retryAfterMs(undefined, 0)).toBeNull();
  });
});

describe('notes', () => {
  const interaction: Interaction = {
    id: 'i-1',
    agentId: 'agent-7',
    channel: 'call',
    direction: 'inbound',
    outcome: 'answered',
    number: '+14155550123',
    startedAt: Date.UTC(2026, 0, 2, 10, 0, 0),
    answeredAt: Date.UTC(2026, 0, 2, 10, 0, 5),
    endedAt: Date.UTC(2026, 0, 2, 10, 3, 17),
    talkSeconds: 192,
    holdSeconds: 0,
    afterCallWorkSeconds: 45,
    customerId: 'zd-user-1',
    caseId: 'zd-ticket-1',
    sipCallId: null,
    quality: null,
  };

  it('writes the call in words with its marker, the same text for every row of the call', () => {
    const note = interactionNote(interaction);
    expect(note).toContain('Inbound call from +14155550123: answered');
    expect(note).toContain('talk 3 min 12 s');
    expect(note.endsWith(markers.call('i-1'))).toBe(true);
    expect(interactionNote({ ...interaction, afterCallWorkSeconds: 300 })).toBe(note);
    expect(hasMarker([{ body: null, plain_body: `x\n${markers.call('i-1')}`, html_body: null }], markers.call('i-1'))).toBe(true);
    expect(hasMarker([{ body: markers.call('i-10'), plain_body: null, html_body: null }], markers.call('i-2'))).toBe(false);
  });

  it('writes the wrap-up code, notes and promises, and makes the code a Zendesk tag', () => {
    const wrapUp: WrapUpRecord = {
      interactionId: 'i-1',
      agentId: 'agent-7',
      state: 'submitted',
      code: 'Billing.Refund',
      notes: 'Refund approved',
      resolvedOnFirstContact: true,
      callback: { at: Date.UTC(2026, 0, 3, 9, 0), number: '+14155550123', remindAt: Date.UTC(2026, 0, 3, 8, 50) },
      doNotCall: null,
      revision: 3,
      updatedAt: 1,
      submittedAt: 2,
    };
    const note = wrapUpNote(wrapUp);
    expect(note).toContain('Wrap-up: Billing.Refund');
    expect(note).toContain('Refund approved');
    expect(note).toContain('Callback promised for 2026-01-03 09:00 UTC to +14155550123');
    expect(note.endsWith(markers.wrapUp('i-1'))).toBe(true);
    expect(wrapUpTag(undefined, 'Billing.Refund')).toBe('switchboard_billing.refund');
    expect(wrapUpTag('wrap_', 'No Answer')).toBe('wrap_no_answer');
  });
});
