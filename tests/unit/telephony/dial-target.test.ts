import { describe, expect, it } from 'vitest';
import { cleanDisplayName, cleanNumber, dialTargetUri, parseDialTarget } from '../../../shared/telephony/dial-target';
import { englishOf } from '../../../shared/text/user-text';

describe('what the agent types becomes something to call', () => {
  it('normalises national numbers to E.164 with the default region', () => {
    expect(parseDialTarget('020 7946 0018', 'GB')).toEqual({ ok: true, target: { kind: 'e164', user: '+442079460018' } });
    expect(parseDialTarget('(415) 555-2671', 'US')).toEqual({ ok: true, target: { kind: 'e164', user: '+14155552671' } });
    expect(parseDialTarget('+49 30 901820', 'GB')).toEqual({ ok: true, target: { kind: 'e164', user: '+4930901820' } });
  });

  it('keeps extensions and feature codes as typed', () => {
    expect(parseDialTarget(' 2042 ', 'GB')).toEqual({ ok: true, target: { kind: 'extension', user: '2042' } });
    expect(parseDialTarget('*97', 'GB')).toEqual({ ok: true, target: { kind: 'extension', user: '*97' } });
  });

  it('accepts SIP addresses with or without the scheme', () => {
    expect(parseDialTarget('sip:Alice@Example.COM', 'GB')).toEqual({
      ok: true,
      target: { kind: 'uri', user: 'Alice', host: 'example.com' },
    });
    expect(parseDialTarget('bob@pbx.example.com', 'GB')).toEqual({
      ok: true,
      target: { kind: 'uri', user: 'bob', host: 'pbx.example.com' },
    });
    expect(dialTargetUri({ kind: 'e164', user: '+442079460018' }, 'pbx.example.com')).toBe('sip:+442079460018@pbx.example.com');
  });

  it('refuses the rest with a sentence the agent can act on', () => {
    /** The refusal in English, as the window shows it in English. */
    const refusal = (input: string, region: string): string => {
      const parsed = parseDialTarget(input, region);
      return parsed.ok ? 'accepted' : englishOf(parsed.error);
    };
    expect(refusal('', 'GB')).toBe('Enter a number or extension to call.');
    expect(refusal('call mum', 'GB')).toContain('only digits');
    expect(parseDialTarget('0123', 'XX')).toMatchObject({ ok: true }); // short: an extension, no region needed
    expect(refusal('123456789012345678', 'GB')).toContain('not a possible number in GB');
    expect(refusal('123456789012345678', '')).toContain('not a possible number in the default region');
    expect(refusal('+1 2', 'GB')).toBe('That is not a possible international number.');
    expect(refusal('a@b@c', 'GB')).toContain('SIP address');
    expect(parseDialTarget('<script>@x.com', 'GB')).toMatchObject({ ok: false });
  });
});

describe('caller identity from the network stays plain text', () => {
  it('keeps markup as characters, strips control and bidi characters, and caps the length', () => {
    expect(cleanDisplayName('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(cleanDisplayName('"Evil\u202eCorp"')).toBe('EvilCorp');
    expect(cleanDisplayName('Ann\u0000\u0007 Lee')).toBe('Ann Lee');
    expect(cleanDisplayName('   ')).toBeNull();
    expect(cleanDisplayName('x'.repeat(500))).toHaveLength(80);
  });

  it('decodes and caps numbers, and names a missing one', () => {
    expect(cleanNumber('%2B442079460018')).toBe('+442079460018');
    expect(cleanNumber(undefined)).toBe('Unknown');
    expect(cleanNumber('%E0%A4%A')).toBe('%E0%A4%A');
    expect(cleanNumber('9'.repeat(200))).toHaveLength(64);
  });
});
