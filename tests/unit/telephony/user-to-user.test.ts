import { describe, expect, it } from 'vitest';
import {
  MAX_UUI_HEADER_CHARS,
  MAX_UUI_JSON_BYTES,
  decodeUserToUser,
  encodeUserToUser,
  findHandoff,
  handoffText,
  userToUserHeader,
  type WarmHandoff,
} from '../../../shared/telephony/user-to-user';
import { i18n, translateUserText } from '../../../renderer/src/i18n';
import { englishOf } from '../../../shared/text/user-text';

const HANDOFF: WarmHandoff = {
  caseId: 'CS-00000042',
  customerId: 'CU-0000042',
  priority: 'P1',
  summary: 'No dial tone since the firmware update; factory reset done.',
  from: 'Alice Smith',
};

/** The hex of a UTF-8 string, as a sender would put it in the header. */
function hexOf(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}

function header(json: string, params = ';encoding=hex;purpose=switchboard-handoff;content=handoff-json'): string {
  return `${hexOf(json)}${params}`;
}

function decoded(value: string): WarmHandoff {
  const result = decodeUserToUser(value);
  if (!result.ok) throw new Error(`refused: ${result.problem} (${result.detail})`);
  return result.handoff;
}

describe('User-to-User handoff (RFC 7433)', () => {
  it('round trip: what is encoded is what the receiving agent reads', () => {
    const value = encodeUserToUser(HANDOFF);
    expect(value).toMatch(/^[0-9a-f]+;encoding=hex;purpose=switchboard-handoff;content=handoff-json$/);
    expect(decoded(value)).toEqual(HANDOFF);
    expect(userToUserHeader(HANDOFF)).toBe(`User-to-User: ${value}`);
    // The data is the documented JSON (docs/interop.md), hex encoded.
    const json = Buffer.from(value.split(';')[0] ?? '', 'hex').toString('utf8');
    expect(JSON.parse(json)).toEqual({
      v: 1,
      case: 'CS-00000042',
      customer: 'CU-0000042',
      priority: 'P1',
      summary: HANDOFF.summary,
      from: 'Alice Smith',
    });
  });

  it('round trip of text outside ASCII (accents, CJK, emoji) and of a handoff without case or customer', () => {
    const handoff: WarmHandoff = { caseId: null, customerId: null, priority: null, summary: 'Café 東京 📞 — ça marche', from: 'Zoë' };
    expect(decoded(encodeUserToUser(handoff))).toEqual(handoff);
  });

  it('parameters are read in any order and case, and the hex in either case', () => {
    const json = JSON.stringify({ v: 1, case: 'C-1', customer: null, priority: 'P2', summary: 'x', from: 'Bo' });
    const value = `${hexOf(json).toUpperCase()} ; Content=HANDOFF-JSON ;PURPOSE=switchboard-handoff; encoding=HEX`;
    expect(decoded(value)).toMatchObject({ caseId: 'C-1', priority: 'P2', from: 'Bo' });
  });

  it('too long: the encoder shortens the summary with "…" to fit the cap; the decoder refuses more', () => {
    const long = { ...HANDOFF, summary: 'word '.repeat(400) };
    const value = encodeUserToUser(long);
    const hex = value.split(';')[0] ?? '';
    expect(hex.length / 2).toBeLessThanOrEqual(MAX_UUI_JSON_BYTES);
    const read = decoded(value);
    expect(read.summary.endsWith('…')).toBe(true);
    expect(read.summary.length).toBeGreaterThan(100);
    expect(read).toMatchObject({ caseId: HANDOFF.caseId, customerId: HANDOFF.customerId, from: HANDOFF.from });

    // Multi-byte text is cut on whole characters, never inside one.
    const emoji = decoded(encodeUserToUser({ ...HANDOFF, summary: '📞'.repeat(300) }));
    expect(emoji.summary).toMatch(/^(📞)+…$/u);

    const tooMuch = header(JSON.stringify({ v: 1, summary: 'a'.repeat(MAX_UUI_JSON_BYTES) }));
    expect(decodeUserToUser(tooMuch)).toMatchObject({ ok: false, problem: 'too-long' });
    expect(decodeUserToUser('a'.repeat(MAX_UUI_HEADER_CHARS + 1))).toMatchObject({ ok: false, problem: 'too-long' });
  });

  it('ids that are not short visible ASCII are left out, not cut (the receiver falls back to the number)', () => {
    const read = decoded(encodeUserToUser({ ...HANDOFF, caseId: 'C'.repeat(65), customerId: 'CU 1' }));
    expect(read).toMatchObject({ caseId: null, customerId: null, priority: 'P1' });
  });

  it('malformed hex, odd length, bad UTF-8 or JSON that is not a handoff is refused', () => {
    const params = ';encoding=hex;purpose=switchboard-handoff;content=handoff-json';
    expect(decodeUserToUser(`zz12${params}`)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeUserToUser(`abc${params}`)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeUserToUser(params)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeUserToUser(`c328${params}`)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeUserToUser(header('{"v":1,'))).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeUserToUser(header('[1,2]'))).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeUserToUser(header('"text"'))).toMatchObject({ ok: false, problem: 'malformed' });
    expect(decodeUserToUser(header('{"v":1,"summary":42}'))).toMatchObject({ ok: false, problem: 'malformed' });
    expect(
      decodeUserToUser(header(JSON.stringify({ v: 1 }), ';encoding=base64;purpose=switchboard-handoff;content=handoff-json')),
    ).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('an unknown version is refused, so a newer sender never shows half-understood context', () => {
    expect(decodeUserToUser(header(JSON.stringify({ v: 2, case: 'C-1', summary: 'x' })))).toMatchObject({
      ok: false,
      problem: 'unknown-version',
    });
    expect(decodeUserToUser(header(JSON.stringify({ case: 'C-1' })))).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it("another package's UUI (ISDN, no purpose, another content) is not ours", () => {
    expect(decodeUserToUser('0123456789;encoding=hex')).toMatchObject({ ok: false, problem: 'not-ours' });
    expect(decodeUserToUser('0123456789;encoding=hex;purpose=isdn-uui')).toMatchObject({ ok: false, problem: 'not-ours' });
    expect(decodeUserToUser(header('{"v":1}', ';encoding=hex;purpose=switchboard-handoff;content=isdn-uui'))).toMatchObject({
      ok: false,
      problem: 'not-ours',
    });
    // Of several User-to-User headers, the first that is ours is read.
    const found = findHandoff(['0123;encoding=hex;purpose=isdn-uui', encodeUserToUser(HANDOFF)]);
    expect(found).toEqual({ handoff: HANDOFF, problems: ['not-ours'] });
    expect(findHandoff(['nonsense'])).toEqual({ handoff: null, problems: ['not-ours'] });
  });

  it('hostile text: control and bidi characters go, markup stays plain text, a bad priority or id is dropped', () => {
    const hostile = JSON.stringify({
      v: 1,
      case: 'C-1"><script>',
      customer: '../../etc',
      priority: 'P0; DROP TABLE',
      summary: 'Line one\r\nSIP/2.0 200 OK\u202e\u0000<img src=x onerror=alert(1)>\u200b',
      from: '\u202eevil\u0007 agent',
      extra: { nested: true },
    });
    const read = decoded(header(hostile));
    expect(read.summary).toBe('Line one SIP/2.0 200 OK <img src=x onerror=alert(1)>');
    for (const hidden of ['\r', '\n', '\u0000', '\u202e', '\u200b']) expect(read.summary).not.toContain(hidden);
    expect(read.from).toBe('evil agent');
    expect(read.priority).toBeNull();
    // Visible ASCII ids are kept as text (the store is asked for them, never trusted): markup is just characters.
    expect(read.caseId).toBe('C-1"><script>');
    expect(read.customerId).toBe('../../etc');
    // A lone surrogate cannot break the encoder.
    expect(decoded(encodeUserToUser({ ...HANDOFF, summary: 'a\ud800b' })).summary).toBe('a\ufffdb');
  });

  it('the ringing call names who hands over, the priority and the case', () => {
    expect(englishOf(handoffText(HANDOFF, '1001'))).toBe('Warm transfer from Alice Smith: P1 CS-00000042');
    expect(englishOf(handoffText({ ...HANDOFF, from: null, priority: null, caseId: null }, '1001'))).toBe('Warm transfer from 1001');
  });

  it("the window says it in the agent's language, the priority and case as sent", async () => {
    const text = handoffText(HANDOFF, '1001');
    expect(text).toEqual({ key: 'telephony.handoff.fromAbout', values: { from: 'Alice Smith', what: 'P1 CS-00000042' } });
    await i18n.changeLanguage('de');
    try {
      expect(translateUserText(text)).toBe('Betreute Weiterleitung von Alice Smith: P1 CS-00000042');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
