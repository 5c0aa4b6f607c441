import { describe, expect, it } from 'vitest';
import { answerRefreshUpdate } from '../../../electron/telephony/session-refresh';

const CONTACT = '<sip:k3j2@abc.invalid;transport=ws>';
const live = (id: string) => id === 'call-1@10.0.0.1';

function update(extra: string[] = [], body = ''): string {
  return [
    'UPDATE sip:k3j2@abc.invalid;transport=ws SIP/2.0',
    'Via: SIP/2.0/WSS 127.0.0.1:5066;branch=z9hG4bK776',
    'Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK775;rport=5080',
    'From: "Customer" <sip:2001@127.0.0.1>;tag=far',
    'To: <sip:1001@127.0.0.1>;tag=near',
    'Call-ID: call-1@10.0.0.1',
    'CSeq: 3 UPDATE',
    'Contact: <sip:2001@127.0.0.1:5080>',
    ...extra,
    `Content-Length: ${body.length}`,
    '',
    body,
  ].join('\r\n');
}

describe('answerRefreshUpdate: RFC 4028 refreshes by UPDATE, which sip.js would answer 501', () => {
  it("answers a body-less UPDATE of a live call 200 OK, with the request's Vias in order, dialog headers, our Contact and the accepted interval", () => {
    const reply = answerRefreshUpdate(update(['Session-Expires: 90;refresher=uac', 'Supported: timer']), CONTACT, live);
    expect(reply).not.toBeNull();
    const lines = reply!.split('\r\n');
    expect(lines[0]).toBe('SIP/2.0 200 OK');
    expect(lines.slice(1, 8)).toEqual([
      'Via: SIP/2.0/WSS 127.0.0.1:5066;branch=z9hG4bK776',
      'Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK775;rport=5080',
      'From: "Customer" <sip:2001@127.0.0.1>;tag=far',
      'To: <sip:1001@127.0.0.1>;tag=near',
      'Call-ID: call-1@10.0.0.1',
      'CSeq: 3 UPDATE',
      `Contact: ${CONTACT}`,
    ]);
    expect(lines).toContain('Session-Expires: 90;refresher=uac');
    expect(lines).toContain('Require: timer');
    expect(reply!.endsWith('Content-Length: 0\r\n\r\n')).toBe(true);
  });

  it('reads compact header names and folded lines', () => {
    const raw = update().replace('Call-ID: call-1@10.0.0.1', 'i: call-1@10.0.0.1').replace('CSeq: 3 UPDATE', 'CSeq: 3\r\n UPDATE');
    const reply = answerRefreshUpdate(raw, CONTACT, live);
    expect(reply).toContain('i: call-1@10.0.0.1\r\n');
    expect(reply).toContain('CSeq: 3 UPDATE\r\n');
    expect(reply).not.toContain('Session-Expires');
  });

  it('leaves to sip.js what is not a refresh of a live call: an UPDATE with SDP, of an unknown call, outside a dialog, or another method', () => {
    expect(answerRefreshUpdate(update(['Content-Type: application/sdp'], 'v=0\r\n'), CONTACT, live)).toBeNull();
    expect(answerRefreshUpdate(update().replace(/call-1@10\.0\.0\.1/g, 'other@x'), CONTACT, live)).toBeNull();
    expect(answerRefreshUpdate(update().replace(';tag=near', ''), CONTACT, live)).toBeNull();
    expect(
      answerRefreshUpdate(
        update()
          .replace(/^UPDATE/, 'INVITE')
          .replace('3 UPDATE', '3 INVITE'),
        CONTACT,
        live,
      ),
    ).toBeNull();
    expect(answerRefreshUpdate('SIP/2.0 200 OK\r\nCSeq: 3 UPDATE\r\n\r\n', CONTACT, live)).toBeNull();
    expect(answerRefreshUpdate('UPDATE garbage\r\n\r\n', CONTACT, live)).toBeNull();
  });
});
