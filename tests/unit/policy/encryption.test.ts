import { describe, expect, it } from 'vitest';
import { checkEncryptionPolicy, isLoopbackHost } from '../../../shared/policy/encryption';

/**
 * The rule IT's `encryptionRequired` turns on, as both services apply it when they connect:
 * encrypted addresses always, unencrypted ones only to this computer, and any address a URL
 * parser could read as another host is not taken for this computer.
 */

describe('encryptionRequired: which server addresses may be used', () => {
  it.each(['https://crm.example.com/switchboard', 'HTTPS://CRM.EXAMPLE.COM', 'wss://sip.example.com:7443', 'wss://[2001:db8::1]:7443/ws'])(
    'encrypted %s is used',
    (url) => {
      expect(checkEncryptionPolicy(url)).toEqual({ allowed: true });
    },
  );

  it.each([
    'http://127.0.0.1:9000',
    'http://127.255.10.2/sync',
    'ws://localhost:5066',
    'WS://LocalHost:5066/ws',
    'http://[::1]:8080',
    'ws://[0:0:0:0:0:0:0:1]/ws',
    'ws://[::0:1]',
    'http://user@127.0.0.1:9000',
  ])('unencrypted to this computer %s is used (a lab, a local relay)', (url) => {
    expect(checkEncryptionPolicy(url)).toEqual({ allowed: true });
  });

  it.each([
    ['http://crm.example.com', 'http'],
    ['ws://pbx.lan:8080', 'ws'],
    ['http://10.0.0.5:9000', 'http'],
    ['http://0.0.0.0:9000', 'http'],
    ['ws://[::2]', 'ws'],
    ['ws://[::ffff:7f00:1]', 'ws'],
    // Look like this computer, but a URL parser connects elsewhere.
    ['http://127.0.0.1.evil.example', 'http'],
    ['http://localhost.evil.example', 'http'],
    ['http://127.0.0.1@evil.example', 'http'],
    ['http://[::1]@evil.example', 'http'],
    ['http://evil.example\\@127.0.0.1', 'http'],
    ['http://127.0.0.1\t.evil.example', 'http'],
    ['http://127.0.0.1%2eevil.example', 'http'],
    ['http://0127.0.0.1', 'http'],
    ['http://2130706433', 'http'],
  ])('unencrypted %s to another machine is refused', (url, scheme) => {
    expect(checkEncryptionPolicy(url)).toEqual({ allowed: false, scheme });
  });

  it.each([' http://crm.example.com', '\thttps://crm.example.com', 'http:crm.example.com', 'ftp://crm.example.com', '', 'crm.example.com'])(
    'an address whose scheme is not plainly there (%j) is refused, never guessed to be https',
    (url) => {
      expect(checkEncryptionPolicy(url)).toEqual({ allowed: false, scheme: null });
    },
  );

  it('knows loopback hosts by name and address only', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['localhost.', 'my-localhost', '128.0.0.1', '127.0.0.256', '127.1', '[::1:0]', '[:::1]', '::1'].some(isLoopbackHost)).toBe(
      false,
    );
  });
});
