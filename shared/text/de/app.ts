import type { Catalog } from '../catalog';
import type en from '../en/app';

/** German of main's "app" messages (`shared/text/en/app.ts`). */
const de: Catalog<typeof en> = {
  start: {
    failed: 'Switchboard konnte nicht starten. Starten Sie es neu; wenn das wieder passiert, exportieren Sie die Diagnosedaten für die IT.',
    failedInWindow:
      'Switchboard konnte nicht starten. Beenden Sie es und öffnen Sie es erneut; wenn das wieder passiert, wenden Sie sich an die IT.',
  },
  update: {
    ready: 'Switchboard {{version}} ist bereit und wird installiert, wenn Sie die App beenden.',
  },
  hotkeys: {
    notAvailable_one:
      'Globales Tastenkürzel nicht verfügbar: {{keys}} wird bereits von einer anderen Anwendung verwendet. Schließen Sie diese Anwendung oder bitten Sie die IT um ein anderes Kürzel; die Tastenkürzel im Switchboard-Fenster funktionieren weiterhin.',
    notAvailable_other:
      'Globale Tastenkürzel nicht verfügbar: {{keys}} werden bereits von einer anderen Anwendung verwendet. Schließen Sie diese Anwendung oder bitten Sie die IT um andere Kürzel; die Tastenkürzel im Switchboard-Fenster funktionieren weiterhin.',
    binding: '{{key}} ({{action}})',
    list: {
      two: '{{a}}, {{b}}',
      three: '{{a}}, {{b}}, {{c}}',
      four: '{{a}}, {{b}}, {{c}}, {{d}}',
    },
    actions: {
      answer: 'Annehmen',
      hangUp: 'Auflegen',
      mute: 'Stumm / laut',
      hold: 'Halten / fortsetzen',
    },
  },
  clickToDial: {
    refused: 'Ein Anruf-Link wurde nicht verwendet: {{reason}}',
    reasons: {
      empty: 'Der Link ist leer.',
      tooLong: 'Der Link ist länger als {{max}} Zeichen.',
      unprintable: 'Der Link enthält Leerzeichen, Steuerzeichen oder Zeichen, die nur wie Ziffern aussehen.',
      scheme: 'Nur tel:-, sip:-, sips:- und callto:-Links können angerufen werden.',
      fragment: 'Der Link hat ein Fragment (#); ein Telefon-Link hat keines.',
      noTarget: 'Der Link enthält keine Nummer und keine Adresse.',
      telHeaders: 'Der Link enthält zusätzliche Header (?); ein Telefon-Link hat keine.',
      telAddress: 'Ein tel:- oder callto:-Link enthält eine Nummer, keine Adresse mit @.',
      path: 'Der Link hat einen Pfad; ein Telefon-Link hat keinen.',
      escape: 'Die Nummer enthält eine fehlerhafte oder verschleierte %-Kodierung.',
      parameter: 'Der Link hat einen fehlerhaften Parameter.',
      extension: 'Die Durchwahl (;ext=) darf höchstens {{max}} Ziffern haben.',
      twoExtensions: 'Der Link nennt zwei Durchwahlen.',
      globalDigits: 'Eine internationale Nummer besteht aus einem + und danach nur Ziffern.',
      globalLength: 'Eine internationale Nummer hat 3 bis {{max}} Ziffern.',
      globalZero: 'Eine internationale Nummer beginnt nie mit +0.',
      calltoName: 'callto:-Links werden nur angerufen, wenn sie eine Telefonnummer enthalten.',
      localCharacters: 'Die Nummer darf nur Ziffern, * und # enthalten, mit - . ( ) als Trennzeichen.',
      localLength: 'Eine lokale Nummer hat höchstens {{max}} Ziffern.',
      sipHeaders: 'Der SIP-Link enthält Header (?), die nie akzeptiert werden.',
      sipParameter: 'Der SIP-Link hat einen fehlerhaften Parameter.',
      sipTwoAts: 'Die SIP-Adresse enthält mehr als ein @.',
      sipNoUser: 'Die SIP-Adresse braucht einen Benutzer, etwa sip:alice@example.com.',
      sipPassword: 'Der SIP-Link enthält ein Passwort; er wird abgelehnt.',
      sipUser: 'Der Benutzerteil der SIP-Adresse enthält unzulässige Zeichen.',
      sipPort: 'Der SIP-Port liegt außerhalb des gültigen Bereichs.',
      sipIpv6: 'IPv6-SIP-Adressen werden aus Links nicht akzeptiert.',
      sipHost: 'Der SIP-Host ist kein gültiger Domainname und keine gültige IPv4-Adresse.',
    },
  },
};
export default de;
