import { describe, expect, it } from 'vitest';
import { wrapUpCodeSchema, type WrapUpCode } from '../../../shared/config/workflow';
import { wrapUpRecordSchema, type WrapUpRecord } from '../../../shared/agent/records';
import {
  applyDraftChange,
  checkWrapUp,
  codeLabel,
  filterWrapUpCodes,
  isDraftEmpty,
  newerDraft,
  newWrapUpDraft,
  numberKeyFor,
  pickByNumberKey,
  submitWrapUp,
  type DraftContext,
  type WrapUpChange,
} from '../../../shared/agent/wrap-up';
import { config, DAY, MIN, T0 } from '../workflow/fixtures';
import { withoutTexts } from './without-texts';

const ctx: DraftContext = { catalog: config.wrapUpCodes, policy: config.wrapUp, now: T0, defaultNumber: '+4930123456' };
const at = (now: number): DraftContext => ({ ...ctx, now });

function edit(draft: WrapUpRecord, ...changes: WrapUpChange[]): WrapUpRecord {
  let d = draft;
  for (const c of changes) {
    const r = applyDraftChange(d, c, ctx);
    if (!r.ok) throw new Error(r.message);
    d = r.value;
  }
  return d;
}

const blank = newWrapUpDraft('i1', 'agent-1', T0);
const code = (c: Partial<WrapUpCode> & { code: string }): WrapUpCode => wrapUpCodeSchema.parse({ label: c.code, category: 'Test', ...c });

describe('wrap-up drafts', () => {
  it('starts empty and stores as a draft record', () => {
    expect(blank).toEqual({
      interactionId: 'i1',
      agentId: 'agent-1',
      state: 'draft',
      code: null,
      notes: '',
      resolvedOnFirstContact: false,
      callback: null,
      doNotCall: null,
      revision: 0,
      updatedAt: T0,
      submittedAt: null,
    });
    expect(isDraftEmpty(blank)).toBe(true);
    expect(wrapUpRecordSchema.parse(blank)).toEqual(blank);
  });

  it('bumps the revision and time on every change, and keeps half-typed input', () => {
    const d = applyDraftChange(blank, { kind: 'callback', at: null, number: '+49 30' }, at(T0 + 5000));
    expect(d.ok && d.value).toMatchObject({ revision: 1, updatedAt: T0 + 5000, callback: { at: null, number: '+49 30', remindAt: null } });
    if (d.ok) expect(wrapUpRecordSchema.safeParse(d.value).success).toBe(true);
  });

  it('choosing a code sets "resolved on first contact" from it and opens what its triggers need, prefilled', () => {
    const billing = edit(blank, { kind: 'code', code: 'BILL-EXPLAINED' });
    expect(billing).toMatchObject({ code: 'BILL-EXPLAINED', resolvedOnFirstContact: true, callback: null, doNotCall: null });
    const followUp = edit(blank, { kind: 'code', code: 'TECH-FOLLOW-UP' });
    expect(followUp).toMatchObject({ resolvedOnFirstContact: false, callback: { at: null, number: '+4930123456', remindAt: null } });
    const dnc = edit(blank, { kind: 'code', code: 'DO-NOT-CALL' });
    expect(dnc.doNotCall).toEqual({ number: '+4930123456' });
    // A callback the agent already set is kept when the code changes.
    const kept = edit(blank, { kind: 'callback', at: T0 + DAY, number: '0301111' }, { kind: 'code', code: 'SALE-QUOTE' });
    expect(kept.callback?.number).toBe('0301111');
    expect(edit(billing, { kind: 'resolved', value: false }).resolvedOnFirstContact).toBe(false);
  });

  it('prefills an empty number when the contact has none', () => {
    const r = applyDraftChange(blank, { kind: 'code', code: 'GENERAL-CALLBACK' }, { ...ctx, defaultNumber: null });
    expect(r.ok && r.value.callback).toEqual({ at: null, number: '', remindAt: null });
  });

  it('refuses codes that do not exist or are retired', () => {
    expect(withoutTexts(applyDraftChange(blank, { kind: 'code', code: 'NOPE' }, ctx))).toEqual({
      ok: false,
      message: 'Wrap-up code "NOPE" does not exist. Choose another.',
      errors: [{ field: 'code', message: 'Wrap-up code "NOPE" does not exist. Choose another.' }],
    });
    const catalog = [code({ code: 'OLD', label: 'Old outcome', active: false }), code({ code: 'NEW' })];
    const r = applyDraftChange(blank, { kind: 'code', code: 'OLD' }, { ...ctx, catalog });
    expect(!r.ok && r.message).toBe('"Old outcome" is no longer in use. Choose another code.');
  });

  it('keeps a note longer than the policy allows as a draft (nothing typed is lost) but not beyond storage', () => {
    const long = 'x'.repeat(5000);
    expect(edit(blank, { kind: 'notes', notes: long }).notes).toHaveLength(5000);
    const r = applyDraftChange(blank, { kind: 'notes', notes: 'x'.repeat(20_001) }, ctx);
    expect(!r.ok && r.message).toBe('The note is too long (20001 characters; at most 4000).');
  });

  it('clears callback and do-not-call, and refuses absurd numbers', () => {
    const d = edit(
      blank,
      { kind: 'callback', at: T0 + DAY, number: '1' },
      { kind: 'do-not-call', number: '2' },
      { kind: 'clear-callback' },
      { kind: 'clear-do-not-call' },
    );
    expect(d).toMatchObject({ callback: null, doNotCall: null, revision: 4 });
    expect(applyDraftChange(blank, { kind: 'callback', at: null, number: '1'.repeat(65) }, ctx)).toMatchObject({
      ok: false,
      message: 'The callback number is too long.',
    });
    expect(applyDraftChange(blank, { kind: 'do-not-call', number: '1'.repeat(65) }, ctx)).toMatchObject({
      ok: false,
      message: 'The do-not-call number is too long.',
    });
  });

  it('computes the reminder from the policy', () => {
    const d = edit(blank, { kind: 'callback', at: T0 + DAY, number: '+4930123456' });
    expect(d.callback?.remindAt).toBe(T0 + DAY - 5 * MIN);
  });

  it('refuses changes to a submitted wrap-up', () => {
    const r = submitWrapUp(edit(blank, { kind: 'code', code: 'ORDER-STATUS' }), ctx);
    if (!r.ok) throw new Error(r.message);
    expect(applyDraftChange(r.value.record, { kind: 'notes', notes: 'late' }, ctx)).toMatchObject({
      ok: false,
      message: 'This wrap-up is already submitted.',
    });
  });

  it('keeps the newest of two saved versions, and a submitted one over any draft', () => {
    const a = edit(blank, { kind: 'notes', notes: 'a' });
    const b = edit(a, { kind: 'notes', notes: 'ab' });
    expect(newerDraft(a, b)).toBe(b);
    expect(newerDraft(b, a)).toBe(b);
    const sameRev = { ...a, updatedAt: a.updatedAt + 1 };
    expect(newerDraft(a, sameRev)).toBe(sameRev);
    const submitted = submitWrapUp(edit(blank, { kind: 'code', code: 'ORDER-STATUS' }), ctx);
    if (!submitted.ok) throw new Error('submit');
    expect(newerDraft({ ...b, revision: 99 }, submitted.value.record)).toBe(submitted.value.record);
  });
});

describe('submitting a wrap-up', () => {
  const msgs = (d: WrapUpRecord, c: DraftContext = ctx) => withoutTexts(checkWrapUp(d, c));

  it('needs a code', () => {
    expect(msgs(blank)).toEqual([{ field: 'code', message: 'Choose a wrap-up code.' }]);
    expect(withoutTexts(submitWrapUp(blank, ctx))).toEqual({
      ok: false,
      message: 'Choose a wrap-up code.',
      errors: [{ field: 'code', message: 'Choose a wrap-up code.' }],
    });
  });

  it('refuses a code missing from, or retired in, the catalog it is checked against', () => {
    const d = edit(blank, { kind: 'code', code: 'ORDER-STATUS' });
    expect(msgs(d, { ...ctx, catalog: [code({ code: 'X' })] })).toEqual([
      { field: 'code', message: 'Wrap-up code "ORDER-STATUS" does not exist. Choose another.' },
    ]);
    expect(msgs(d, { ...ctx, catalog: [code({ code: 'ORDER-STATUS', label: 'Order status given', active: false })] })).toEqual([
      { field: 'code', message: '"Order status given" is no longer in use. Choose another code.' },
    ]);
  });

  it('needs a note for codes that require one; blank space is not a note', () => {
    const d = edit(blank, { kind: 'code', code: 'TECH-RESOLVED' }, { kind: 'notes', notes: '  \n ' });
    expect(msgs(d)).toEqual([{ field: 'notes', message: '"Technical issue resolved" needs a note.' }]);
    expect(msgs(edit(d, { kind: 'notes', notes: 'Router reset, line sync restored.' }))).toEqual([]);
  });

  it('refuses a note over the policy limit', () => {
    const d = edit(blank, { kind: 'code', code: 'ORDER-STATUS' }, { kind: 'notes', notes: 'y'.repeat(4001) });
    expect(msgs(d)).toEqual([{ field: 'notes', message: 'The note is too long (4001 characters; at most 4000).' }]);
  });

  describe('callback', () => {
    const quote = edit(blank, { kind: 'code', code: 'SALE-QUOTE' });
    const withTime = (t: number | null, number = '+4930123456') => edit(quote, { kind: 'callback', at: t, number });

    it('is required by a callback code', () => {
      const d = edit(quote, { kind: 'clear-callback' });
      expect(msgs(d)).toEqual([
        { field: 'callback', message: '"Quote given, callback agreed" needs a callback: set the time and number.' },
      ]);
    });

    it.each([
      ['no time', null, 'Set the callback time.'],
      ['a time in the past', T0 - MIN, 'The callback time is in the past.'],
      ['exactly now', T0, 'The callback time is in the past.'],
      ['too soon', T0 + 4 * MIN, 'The callback must be at least 5 minutes from now.'],
      ['too far ahead', T0 + 30 * DAY + 1, 'The callback must be within 30 days.'],
    ])('refuses %s', (_n, t, message) => {
      expect(msgs(withTime(t))).toEqual([{ field: 'callback.at', message }]);
    });

    it('accepts the limits themselves', () => {
      expect(msgs(withTime(T0 + 5 * MIN))).toEqual([]);
      expect(msgs(withTime(T0 + 30 * DAY))).toEqual([]);
    });

    it('needs a dialable number', () => {
      expect(msgs(withTime(T0 + DAY, ' '))).toEqual([{ field: 'callback.number', message: 'Enter the number to call back.' }]);
      expect(msgs(withTime(T0 + DAY, 'call me maybe'))).toEqual([
        { field: 'callback.number', message: 'The callback number is not a phone number.' },
      ]);
    });

    it('may be added to any code, and is then checked too', () => {
      const d = edit(blank, { kind: 'code', code: 'ORDER-STATUS' }, { kind: 'callback', at: T0 - 1, number: '+4930123456' });
      expect(msgs(d)).toEqual([{ field: 'callback.at', message: 'The callback time is in the past.' }]);
    });

    it('is returned as an action to schedule with its reminder', () => {
      const r = submitWrapUp(withTime(T0 + DAY, ' +49 30 123456 '), ctx);
      expect(r.ok && r.value.actions).toEqual({
        callback: { at: T0 + DAY, remindAt: T0 + DAY - 5 * MIN, number: '+49 30 123456' },
        doNotCall: null,
        escalate: false,
      });
    });
  });

  describe('do-not-call', () => {
    const dnc = edit(blank, { kind: 'code', code: 'DO-NOT-CALL' });

    it('is required by a do-not-call code', () => {
      expect(msgs(edit(dnc, { kind: 'clear-do-not-call' }))).toEqual([
        {
          field: 'doNotCall',
          message: '"Do not call again (customer request)" puts the number on the do-not-call list: enter the number.',
        },
      ]);
    });

    it('needs a number', () => {
      expect(msgs(edit(dnc, { kind: 'do-not-call', number: '' }))).toEqual([
        { field: 'doNotCall.number', message: 'Enter the number for the do-not-call list.' },
      ]);
      expect(msgs(edit(dnc, { kind: 'do-not-call', number: '<b>1</b>' }))).toEqual([
        { field: 'doNotCall.number', message: 'The do-not-call number is not a phone number.' },
      ]);
    });

    it('cannot go with a callback to the same number', () => {
      const d = edit(dnc, { kind: 'callback', at: T0 + DAY, number: '+49 (30) 123-456' });
      expect(msgs(d)).toEqual([
        { field: 'callback.number', message: 'A callback cannot go to a number that is going on the do-not-call list.' },
      ]);
    });

    it('is returned as an action', () => {
      const r = submitWrapUp(dnc, ctx);
      expect(r.ok && r.value.actions).toEqual({ callback: null, doNotCall: '+4930123456', escalate: false });
    });
  });

  it('reports every problem at once, in form order', () => {
    const d = edit(blank, { kind: 'code', code: 'BILL-DISPUTE' }, { kind: 'clear-callback' }, { kind: 'do-not-call', number: '' });
    const r = submitWrapUp(d, ctx);
    expect(withoutTexts(r)).toEqual({
      ok: false,
      message:
        '"Billing dispute under review" needs a note. "Billing dispute under review" needs a callback: set the time and number. Enter the number for the do-not-call list.',
      errors: [
        { field: 'notes', message: '"Billing dispute under review" needs a note.' },
        { field: 'callback', message: '"Billing dispute under review" needs a callback: set the time and number.' },
        { field: 'doNotCall.number', message: 'Enter the number for the do-not-call list.' },
      ],
    });
  });

  it('says an escalate code should open the escalation form', () => {
    const r = submitWrapUp(edit(blank, { kind: 'code', code: 'TECH-ESCALATED' }, { kind: 'notes', notes: 'No sync after reset.' }), ctx);
    expect(r.ok && r.value.actions.escalate).toBe(true);
  });

  it('produces a final record the store accepts', () => {
    const d = edit(
      blank,
      { kind: 'code', code: 'GENERAL-CALLBACK' },
      { kind: 'notes', notes: 'Wants the new tariff explained.' },
      { kind: 'callback', at: T0 + DAY, number: '+4930123456' },
    );
    const r = submitWrapUp(d, at(T0 + MIN));
    if (!r.ok) throw new Error(r.message);
    expect(r.value.record).toMatchObject({ state: 'submitted', submittedAt: T0 + MIN, revision: d.revision + 1, code: 'GENERAL-CALLBACK' });
    expect(wrapUpRecordSchema.parse(r.value.record)).toEqual(r.value.record);
    expect(submitWrapUp(r.value.record, ctx)).toMatchObject({ ok: false, message: 'This wrap-up is already submitted.' });
  });

  it('shows labels for stored codes, also retired or unknown ones', () => {
    expect(codeLabel(config.wrapUpCodes, 'PAY-TAKEN')).toBe('Payment taken');
    expect(codeLabel(config.wrapUpCodes, 'GONE-CODE')).toBe('GONE-CODE');
    expect(codeLabel(config.wrapUpCodes, null)).toBe('No code');
  });
});

describe('type-ahead and number keys', () => {
  const codes = (q: string) => filterWrapUpCodes(config.wrapUpCodes, q).map((c) => c.code);

  it('lists every active code in catalog order for an empty query', () => {
    expect(codes('')).toEqual(config.wrapUpCodes.filter((c) => c.active).map((c) => c.code));
    expect(codes('   ')).toHaveLength(config.wrapUpCodes.length);
  });

  it('matches the code first, then words of the label, then the category', () => {
    expect(codes('pay')[0]).toBe('PAY-TAKEN');
    expect(codes('pay')).toEqual(['PAY-TAKEN', 'PAY-ARRANGEMENT', 'PAY-REFUND']);
    expect(codes('refund')).toEqual(['PAY-REFUND']);
    expect(codes('outage')).toEqual(['OUTAGE-INFORMED', 'OUTAGE-REPORTED']);
    expect(codes('warranty')).toEqual(['WARRANTY-CLAIM', 'RETURN-AUTHORISED']);
    expect(codes('retention')).toEqual(['RETENTION-SAVED', 'CANCELLATION-DONE']);
  });

  it('needs every word typed to match, in any order and case', () => {
    expect(codes('TECH follow')).toEqual(['TECH-FOLLOW-UP']);
    expect(codes('follow tech')).toEqual(['TECH-FOLLOW-UP']);
    expect(codes('tech zebra')).toEqual([]);
  });

  it('ignores accents and matches inside words last', () => {
    const catalog = [
      code({ code: 'A1', label: 'Rückruf vereinbart', category: 'Allgemein' }),
      code({ code: 'B2', label: 'Bestellung storniert', category: 'Bestellung' }),
    ];
    expect(filterWrapUpCodes(catalog, 'ruck').map((c) => c.code)).toEqual(['A1']);
    expect(filterWrapUpCodes(catalog, 'stell').map((c) => c.code)).toEqual(['B2']);
  });

  it('never offers retired codes', () => {
    const catalog = [code({ code: 'OLD-PAY', label: 'Payment', active: false }), code({ code: 'PAY', label: 'Payment' })];
    expect(filterWrapUpCodes(catalog, 'pay').map((c) => c.code)).toEqual(['PAY']);
    expect(filterWrapUpCodes(catalog, '').map((c) => c.code)).toEqual(['PAY']);
  });

  it('picks with keys 1-9 from the current list, and nothing else', () => {
    const list = filterWrapUpCodes(config.wrapUpCodes, 'pay');
    expect(pickByNumberKey(list, '1')?.code).toBe('PAY-TAKEN');
    expect(pickByNumberKey(list, '3')?.code).toBe('PAY-REFUND');
    expect(pickByNumberKey(list, '4')).toBeNull();
    for (const key of ['0', 'a', '10', '', ' 1']) expect(pickByNumberKey(list, key)).toBeNull();
    expect([0, 8, 9, -1].map(numberKeyFor)).toEqual(['1', '9', null, null]);
  });
});

describe('wrap-up: linking the contact to an outage', () => {
  it('links, relinks and unlinks an incident; the submitted record keeps the link and passes the record schema', () => {
    const linked = edit(blank, { kind: 'incident', incidentId: 'p31zjtct2jer' });
    expect(linked).toMatchObject({ incidentId: 'p31zjtct2jer', revision: 1 });
    expect(edit(linked, { kind: 'incident', incidentId: null }).incidentId).toBeNull();
    const r = submitWrapUp(edit(linked, { kind: 'code', code: 'ORDER-STATUS' }), ctx);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.record.incidentId).toBe('p31zjtct2jer');
    expect(wrapUpRecordSchema.parse(r.value.record).incidentId).toBe('p31zjtct2jer');
  });

  it('refuses an incident id no feed could have, and a submitted wrap-up is not relinked', () => {
    expect(applyDraftChange(blank, { kind: 'incident', incidentId: 'x'.repeat(201) }, ctx)).toMatchObject({
      ok: false,
      errors: [{ field: 'incidentId' }],
    });
    const r = submitWrapUp(edit(blank, { kind: 'code', code: 'ORDER-STATUS' }), ctx);
    if (!r.ok) throw new Error(r.message);
    expect(applyDraftChange(r.value.record, { kind: 'incident', incidentId: 'inc-1' }, ctx)).toMatchObject({ ok: false });
  });

  it('reads a record from before the status feed (no incidentId) and refuses a malformed one', () => {
    const { incidentId: _none, ...old } = edit(blank, { kind: 'notes', notes: 'x' });
    expect(wrapUpRecordSchema.safeParse(old).success).toBe(true);
    expect(wrapUpRecordSchema.safeParse({ ...old, incidentId: '' }).success).toBe(false);
  });
});
