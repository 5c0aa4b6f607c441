import type { Catalog } from '../catalog';
import type en from '../en/policy';

/**
 * German of main's "policy" messages (`shared/text/en/policy.ts`). Policy keys, sources, levels
 * ("defaults", "enforced") and values stay as IT writes them.
 */
const de: Catalog<typeof en> = {
  problem: {
    unknownKey: 'Der unbekannte Richtlinienschlüssel „{{key}}“ in {{source}} ({{level}}) wird ignoriert.',
    unknownKeyDidYouMean:
      'Der unbekannte Richtlinienschlüssel „{{key}}“ in {{source}} ({{level}}) wird ignoriert. Meinten Sie „{{suggestion}}“?',
    invalidValue: 'Die Richtlinie „{{key}}“ in {{source}} ({{level}}) ist ungültig: {{reason}}. {{fallback}}',
    unencrypted:
      'Die Richtlinie „{{key}}“ ist eine unverschlüsselte Adresse ({{scheme}}://), aber „encryptionRequired“ ist eingeschaltet, daher wird sie nicht verwendet. Verwenden Sie {{secureScheme}}://.',
    fileNotJson: 'Die Richtliniendatei {{source}} ist kein gültiges JSON ({{detail}}); keine ihrer Einstellungen wird angewendet.',
    fileNotObject:
      'Die Richtliniendatei {{source}} muss ein JSON-Objekt mit „defaults“ und/oder „enforced“ enthalten; keine ihrer Einstellungen wird angewendet.',
    fileTopLevelIgnored:
      '„{{name}}“ auf der obersten Ebene von {{source}} wird ignoriert: Setzen Sie Einstellungen unter „defaults“ (der Agent darf sie ändern) oder „enforced“ (gesperrt).',
    fileLevelNotObject: '„{{level}}“ in {{source}} muss ein Objekt aus Einstellungsnamen und Werten sein; es wird ignoriert.',
    fileUnreadable: 'Die Richtliniendatei {{source}} konnte nicht gelesen werden ({{code}}); keine ihrer Einstellungen wird angewendet.',
    fileTooLarge: 'Die Richtliniendatei {{source}} ist größer als 1 MB; keine ihrer Einstellungen wird angewendet.',
    plistNotDictionary:
      'Die verwalteten Einstellungen {{source}} müssen ein Dictionary enthalten; keine ihrer Einstellungen wird angewendet.',
    plistRecommendedNotDictionary: '„{{name}}“ in {{source}} muss ein Dictionary sein; es wird ignoriert.',
    plistUnreadable:
      'Die verwalteten Einstellungen {{source}} konnten nicht gelesen werden ({{detail}}); keine ihrer Einstellungen wird angewendet.',
    plistTooLarge: 'Die verwalteten Einstellungen {{source}} sind größer als 1 MB; keine ihrer Einstellungen wird angewendet.',
    registryValueType:
      'Die Richtlinie „{{key}}“ in {{source}} ({{level}}) ist ungültig: Werte vom Typ {{type}} werden nicht gelesen; verwenden Sie REG_SZ, REG_DWORD oder REG_MULTI_SZ. Sie wird ignoriert.',
    registryMachineUnreadable:
      'Die Computerrichtlinien in {{source}} konnten nicht gelesen werden ({{detail}}). Bis sie gelesen werden können, erzwingt Switchboard seine strengsten Sicherheitseinstellungen ({{restricted}}: ein) und wendet die übrigen Richtlinienquellen an. Stellen Sie sicher, dass {{source}} gelesen werden kann, und starten Sie Switchboard dann neu.',
    registryUserUnreadable: 'Die Richtlinien in {{source}} konnten nicht gelesen werden ({{detail}}); sie werden nicht angewendet.',
  },
  caFile: {
    notUsed: 'Richtlinie „extraCaFile“ in {{source}} ({{level}}): Die CA-Datei {{file}} wird nicht verwendet: {{reason}}. {{trusted}}',
    notUsedAnyLevel: 'Richtlinie „extraCaFile“ in {{source}}: Die CA-Datei {{file}} wird nicht verwendet: {{reason}}. {{trusted}}',
    builtInTrusted: 'Servern, die von dieser CA signiert sind, wird nicht vertraut; den eingebauten Zertifizierungsstellen weiterhin.',
    builtInAndSystemTrusted:
      'Servern, die von dieser CA signiert sind, wird nicht vertraut; den eingebauten Zertifizierungsstellen und denen des Systems weiterhin.',
    tooLarge: 'sie ist größer als {{size}} MiB und damit keine CA-Datei',
    missing: 'sie existiert nicht ({{code}})',
    denied: 'sie kann nicht gelesen werden (Zugriff verweigert) ({{code}})',
    folder: 'sie ist ein Ordner ({{code}})',
    unreadable: 'sie kann nicht gelesen werden ({{code}})',
    unreadableNoCode: 'sie kann nicht gelesen werden',
    noPem:
      'sie enthält kein PEM-Zertifikat (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----; DER-Dateien müssen in PEM umgewandelt werden)',
    damaged: 'Zertifikat {{index}} von {{total}} darin ist beschädigt (kein gültiges X.509-Zertifikat)',
  },
  fallback: {
    unset: 'Sie bleibt nicht festgelegt.',
    builtIn: 'Stattdessen wird der eingebaute Standardwert verwendet.',
    policyDefault: 'Stattdessen wird der Standardwert aus einer anderen Richtlinienquelle verwendet.',
    user: 'Stattdessen wird die eigene Einstellung des Agents verwendet.',
    enforced: 'Stattdessen wird der von einer anderen Richtlinienquelle erzwungene Wert verwendet.',
  },
  issues: {
    at: '{{path}}: {{rule}}',
    two: '{{first}}; {{second}}',
    three: '{{first}}; {{second}}; {{third}}',
    more_one: '{{first}}; {{second}}; {{third}} (und {{count}} weiterer)',
    more_other: '{{first}}; {{second}}; {{third}} (und {{count}} weitere)',
  },
  rule: {
    unexplained: '{{detail}}',
    notText: 'muss Text sein (REG_SZ in der Registry, eine Zeichenkette in JSON oder einer plist)',
    notBoolean: 'muss true oder false sein (ein REG_DWORD 1 oder 0 in der Registry)',
    notBooleanNumber: 'muss 1 (ein) oder 0 (aus) sein, nicht {{value}}',
    notList: 'muss eine Liste von Textwerten sein (REG_MULTI_SZ in der Registry, ein Array in JSON oder einer plist)',
    notJsonDocument: 'muss ein JSON-Objekt oder -Array sein (REG_SZ oder REG_MULTI_SZ mit JSON in der Registry)',
    notJson: 'ist kein gültiges JSON',
    notJsonBecause: 'ist kein gültiges JSON ({{detail}})',
    trueOrFalse: 'muss true oder false sein (1 oder 0 in der Registry)',
    oneOfTwo: 'muss „{{first}}“ oder „{{second}}“ sein',
    oneOfThree: 'muss „{{first}}“, „{{second}}“ oder „{{third}}“ sein',
    oneOfList: 'muss einer der folgenden Werte sein: {{list}}',
    notEmpty: 'darf nicht leer sein',
    atMostCharacters: 'darf höchstens {{maximum}} Zeichen lang sein',
    atLeastCharacters: 'muss mindestens {{minimum}} Zeichen lang sein',
    host: 'muss ein Hostname wie example.com oder eine IPv4-Adresse sein (ohne Schema, ohne Port)',
    addressTooLong: 'eine Adresse ist länger als {{maximum}} Zeichen',
    tooManyAddresses: 'enthält mehr als {{maximum}} Adressen',
    iceScheme: '„{{url}}“ muss mit {{scheme}}: oder {{secureScheme}}: beginnen (z. B. {{example}})',
    httpsUrl: 'muss eine https://-Adresse wie {{example}} sein (ohne Benutzernamen oder Passwort darin; http:// nur für 127.0.0.1)',
    wholeSecondsText: 'muss eine ganze Zahl von Sekunden sein, etwa 60',
    wholeSeconds: 'muss eine ganze Zahl von Sekunden sein',
    atLeastSeconds: 'muss mindestens {{minimum}} Sekunden betragen',
    atMostSeconds: 'darf höchstens {{maximum}} Sekunden betragen',
    pemPath: 'muss der vollständige Pfad einer PEM-Datei sein, etwa /etc/ssl/certs/corp-ca.pem oder C:\\ProgramData\\Corp\\ca.pem',
    oauthClientId: 'muss die eindeutige Kennung des Clients sein: Buchstaben, Ziffern, _ . - (höchstens 100)',
    email: 'muss eine E-Mail-Adresse sein',
    zendeskTagPrefix: 'darf höchstens 40 Kleinbuchstaben, Ziffern, _ : oder - enthalten (Zendesk-Tags haben keine Leerzeichen)',
    ticketFieldId: 'muss die numerische ID eines Ticketfelds sein',
    consumerKey: 'muss der Consumer Key der Connected App sein: Buchstaben, Ziffern, . und _ (10 bis 256)',
    port: 'muss eine Portnummer von 1024 bis 65535 sein',
    countryCode: 'muss ein zweistelliger Ländercode wie DE oder AT sein',
    sipUri: 'muss eine SIP-URI wie sip:sbc.example.com;lr sein',
    extension: 'muss eine Nebenstelle oder ein Benutzername sein: nur Buchstaben, Ziffern und * # + . _ - (ohne sip: und ohne @domäne)',
    ssoClientId: 'muss die ID des Clients sein: Buchstaben, Ziffern, _ . : / - (höchstens 200)',
    scopeWord: 'jeder Scope muss ein Wort aus sichtbaren Zeichen sein (keine Leerzeichen, Anführungszeichen oder Backslashes)',
    scopesNotEmpty: 'muss mindestens openid enthalten',
    scopesOpenId: 'muss openid enthalten',
    tooManyScopes: 'enthält mehr als {{maximum}} Scopes',
  },
};
export default de;
