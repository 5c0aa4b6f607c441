/**
 * English messages main composes for the "app" area: the source the window's other languages follow
 * (`shared/text/de/app.ts`). Main sends a key and its values (`userText` in
 * `shared/text/user-text.ts`), never the sentence.
 */
export default {
  /** The start failed (electron/core/app-core.ts, electron/main.ts). */
  start: {
    failed: 'Switchboard could not start. Restart it; if this repeats, export diagnostics for IT.',
    /** Said in the window, which stays open with it (electron/main.ts). */
    failedInWindow: 'Switchboard could not start. Quit and open it again; if this repeats, contact IT.',
  },
  /** electron/platform/updater.ts */
  update: {
    ready: 'Switchboard {{version}} is ready and installs when you quit the app.',
  },
  /** Keys another application holds (electron/platform/global-hotkeys.ts). */
  hotkeys: {
    notAvailable_one:
      'Global hotkey not available: {{keys}} is already used by another application. Close that application or ask IT for another key; the shortcuts inside the Switchboard window still work.',
    notAvailable_other:
      'Global hotkeys not available: {{keys}} are already used by another application. Close that application or ask IT for another key; the shortcuts inside the Switchboard window still work.',
    /** A key and what it does: "Ctrl+Alt+M (Mute / unmute)". */
    binding: '{{key}} ({{action}})',
    /** Two to four bindings (there are four actions). */
    list: {
      two: '{{a}}, {{b}}',
      three: '{{a}}, {{b}}, {{c}}',
      four: '{{a}}, {{b}}, {{c}}, {{d}}',
    },
    actions: {
      answer: 'Answer',
      hangUp: 'Hang up',
      mute: 'Mute / unmute',
      hold: 'Hold / resume',
    },
  },
  /** A phone link from another application (electron/click-to-dial/service.ts, shared/click-to-dial/parse.ts). */
  clickToDial: {
    refused: 'A link to call was not used: {{reason}}',
    reasons: {
      empty: 'The link is empty.',
      tooLong: 'The link is longer than {{max}} characters.',
      unprintable: 'The link holds spaces, control characters or characters that only look like digits.',
      scheme: 'Only tel:, sip:, sips: and callto: links can be called.',
      fragment: 'The link has a fragment (#); a phone link has none.',
      noTarget: 'The link has no number or address.',
      telHeaders: 'The link carries extra headers (?); a phone link has none.',
      telAddress: 'A tel: or callto: link holds a number, not an address with @.',
      path: 'The link has a path; a phone link has none.',
      escape: 'The number has a malformed or disguised %-escape.',
      parameter: 'The link has a malformed parameter.',
      extension: 'The extension (;ext=) must be up to {{max}} digits.',
      twoExtensions: 'The link names two extensions.',
      globalDigits: 'A global number is a + followed by digits only.',
      globalLength: 'A global number has 3 to {{max}} digits.',
      globalZero: 'A global number never starts with +0.',
      calltoName: 'callto: links are called only when they hold a phone number.',
      localCharacters: 'The number may hold only digits, * and #, with - . ( ) as separators.',
      localLength: 'A local number has at most {{max}} digits.',
      sipHeaders: 'The SIP link carries headers (?), which are never accepted.',
      sipParameter: 'The SIP link has a malformed parameter.',
      sipTwoAts: 'The SIP address has more than one @.',
      sipNoUser: 'The SIP address needs a user, as in sip:alice@example.com.',
      sipPassword: 'The SIP link embeds a password; it is refused.',
      sipUser: 'The SIP user part has characters that are not allowed.',
      sipPort: 'The SIP port is out of range.',
      sipIpv6: 'IPv6 SIP addresses are not accepted from links.',
      sipHost: 'The SIP host is not a valid domain name or IPv4 address.',
    },
  },
} as const;
