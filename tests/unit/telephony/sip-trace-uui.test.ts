import { describe, expect, it } from 'vitest';
import { SipTrace } from '../../../electron/telephony/sip-trace';
import { encodeUserToUser } from '../../../shared/telephony/user-to-user';

describe('SIP trace: a warm transfer INVITE', () => {
  it('keeps the User-to-User parameters but not its data (the case summary), and the other headers as they were', () => {
    const value = encodeUserToUser({
      caseId: 'CS-1',
      customerId: 'CU-1',
      priority: 'P1',
      summary: 'Customer says the card ending 4242 was charged twice',
      from: 'Alice',
    });
    const hex = value.split(';')[0] ?? '';
    const trace = new SipTrace(10, () => 1);
    trace.record(
      'out',
      ['INVITE sip:1002@127.0.0.1 SIP/2.0', 'Call-ID: abc', `User-to-User: ${value}`, 'Content-Length: 0', '', ''].join('\r\n'),
    );
    const [entry] = trace.list();
    expect(entry?.headers).toEqual([
      'Call-ID: abc',
      `User-to-User: [${hex.length / 2} bytes not kept];encoding=hex;purpose=switchboard-handoff;content=handoff-json`,
      'Content-Length: 0',
    ]);
    expect(JSON.stringify(trace.list())).not.toContain(hex.slice(0, 16));
  });
});
