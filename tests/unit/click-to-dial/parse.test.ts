import { describe, expect, it } from 'vitest';
import { findDialLink, MAX_LINK_LENGTH, parseClickToDial } from '../../../shared/click-to-dial/parse';
import { englishOf } from '../../../shared/text/user-text';
import { parseDialTarget } from '../../../shared/telephony/dial-target';

const accepted: [string, { dial: string; display?: string; extension?: string | null }][] = [
  ['tel:+1-201-555-0123', { dial: '+12015550123' }],
  ['TEL:+44.20.7946.0018', { dial: '+442079460018' }],
  ['tel:+1(201)555-0123;ext=1234', { dial: '+12015550123', extension: '1234' }],
  ['tel:+1%20201%20555%200123', { dial: '+12015550123' }],
  ['tel:7042;phone-context=example.com', { dial: '7042' }],
  ['tel:*97', { dial: '*97' }],
  ['tel:+49-30-1234567;isub=1411;ext=22', { dial: '+49301234567', extension: '22' }],
  ['callto:+15551234567', { dial: '+15551234567' }],
  ['callto://+15551234567', { dial: '+15551234567' }],
  ['sip:alice@example.com', { dial: 'sip:alice@example.com', display: 'alice@example.com' }],
  ['sip:Alice@Example.COM:5061;transport=tls', { dial: 'sip:Alice@example.com', display: 'Alice@example.com' }],
  ['sips:+15551234567@pbx.example.com;user=phone', { dial: 'sip:+15551234567@pbx.example.com' }],
  ['sip:2042@10.0.0.5', { dial: 'sip:2042@10.0.0.5' }],
  ['sip:bob%2Esmith@example.com', { dial: 'sip:bob.smith@example.com' }],
];

const refused: [string, string, RegExp][] = [
  ['javascript: URL', 'javascript:alert(1)//tel:+15551234567', /Only tel:/],
  ['data: URL', 'data:text/html,<script>', /Only tel:/],
  ['http URL', 'https://evil.example/tel:+1555', /Only tel:/],
  ['no scheme', '+15551234567', /Only tel:/],
  ['empty', '', /empty/],
  ['empty number', 'tel:', /no number/],
  ['overlong', `tel:+1${'5'.repeat(MAX_LINK_LENGTH)}`, /longer than/],
  ['too many digits', 'tel:+1234567890123456', /3 to 15/],
  ['+0', 'tel:+0123456', /\+0/],
  ['raw newline', 'tel:+15551234567\nX', /control/],
  ['raw NUL', 'tel:+1555\u00001234', /control/],
  ['space', 'tel:+1 555 1234', /spaces/],
  ['encoded CRLF header injection', 'sip:alice@example.com%0D%0AContact:%20evil', /host/],
  ['encoded CRLF in user', 'sip:alice%0D%0AVia:x@example.com', /user part|password/],
  ['encoded CRLF in user, no colon', 'sip:alice%0D%0AX@example.com', /user part/],
  ['encoded newline in number', 'tel:+1555%0A1234', /%-escape/],
  ['encoded NUL', 'tel:+1555%001234', /%-escape/],
  ['double encoding', 'tel:+1555%252B1234', /%-escape/],
  ['malformed escape', 'tel:+1555%G11234', /%-escape/],
  ['truncated escape', 'tel:+15551234%2', /%-escape/],
  ['fullwidth digits', 'tel:+１５５５１２３４', /look like digits/],
  ['Arabic-Indic digits', 'tel:+١٥٥٥١٢٣٤', /look like digits/],
  ['encoded fullwidth digit', 'tel:+1555%EF%BC%91234', /%-escape/],
  ['bidi override', 'tel:+1555\u202e4321', /look like digits/],
  ['zero-width space', 'tel:+1555\u200b1234', /look like digits/],
  ['letters in tel', 'tel:+1-800-FLOWERS', /digits only/],
  ['callto skype name', 'callto:someuser', /phone number/],
  ['sip credentials', 'sip:alice:secret@example.com', /password/],
  ['tel with credentials', 'tel:user:pw@+15551234', /@/],
  ['sip headers', 'sip:alice@example.com?Subject=hi&Route=%3Csip:evil%3E', /headers/],
  ['tel headers', 'tel:+15551234567?body=x', /headers/],
  ['two at signs', 'sip:alice@evil.example@bank.example', /more than one @/],
  ['sip without user', 'sip:example.com', /needs a user/],
  ['fragment', 'tel:+15551234567#frag', /fragment/],
  ['path', 'tel:+1555/../1234', /path/],
  ['IPv6 host', 'sip:alice@[::1]', /IPv6|host/],
  ['bad port', 'sip:alice@example.com:99999', /port/],
  ['host with markup', 'sip:alice@<img>.com', /host/],
  ['numeric-only host', 'sip:alice@1234', /host/],
  ['bad param', 'tel:+15551234567;ext=12<script>', /parameter|extension/],
  ['overlong extension', 'tel:+15551234567;ext=12345678901', /extension/],
  ['two extensions', 'tel:+15551234567;ext=1;ext=2', /two extensions/],
  ['non-string', 42 as unknown as string, /empty/],
];

describe('parseClickToDial: accepted links', () => {
  it.each(accepted)('%s', (link, expected) => {
    const result = parseClickToDial(link);
    expect(result).toEqual({
      ok: true,
      request: expect.objectContaining({
        dial: expected.dial,
        display: expected.display ?? expected.dial.replace(/^sip:/, ''),
        extension: expected.extension ?? null,
      }),
    });
    // Whatever is accepted is something the phone's own dial parser accepts too.
    if (result.ok) expect(parseDialTarget(result.request.dial, 'US').ok).toBe(true);
  });
});

describe('parseClickToDial: hostile and malformed links are refused with a reason', () => {
  it.each(refused)('%s', (_label, link, reason) => {
    const result = parseClickToDial(link);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(englishOf(result.reason)).toMatch(reason);
  });
});

describe('findDialLink', () => {
  it('finds the link Windows/Linux pass on the command line, or --dial', () => {
    expect(findDialLink(['C:\\Switchboard\\Switchboard.exe', '--allow-file-access-from-files', 'tel:+15551234567'])).toBe(
      'tel:+15551234567',
    );
    expect(findDialLink(['switchboard', 'SIP:alice@example.com'])).toBe('SIP:alice@example.com');
    expect(findDialLink(['node', 'host.cjs', '--dial', 'callto:+1555'])).toBe('callto:+1555');
    expect(findDialLink(['node', 'host.cjs', '--dial=tel:123'])).toBe('tel:123');
    expect(findDialLink(['switchboard', '--no-sandbox', 'https://example.com'])).toBeNull();
  });
});
