import type { Catalog } from '../catalog';
import type en from '../en/sso';

/** German of main's "sso" messages (`shared/text/en/sso.ts`). */
const de: Catalog<typeof en> = {
  notSignedIn:
    'Sie sind nicht angemeldet. Ihre Arbeit bleibt auf diesem Computer erhalten und wird gesendet, sobald Sie sich angemeldet haben.',
  notSetUp: 'Single Sign-On ist nicht eingerichtet: Die IT legt ssoIssuer und ssoClientId per Richtlinie fest.',
  cannotRenew: 'Switchboard konnte Ihre Anmeldung nicht erneuern',
  oauth: {
    sentence: '{{clause}}.',
    cancelled: 'Die Anmeldung bei {{provider}} wurde im Browser abgebrochen',
    refused: '{{provider}} hat die Anmeldung abgelehnt: {{reason}}',
    timeout: 'Die Anmeldung bei {{provider}} wurde nicht innerhalb von {{duration}} abgeschlossen; starten Sie sie erneut',
    aborted: 'Die Anmeldung bei {{provider}} wurde angehalten',
    unreachable: 'Switchboard konnte {{provider}} für die Anmeldung nicht erreichen; prüfen Sie das Netzwerk und versuchen Sie es erneut',
    configuration: 'Die Anmeldung bei {{provider}} ist nicht richtig eingerichtet: {{what}}',
    browser: 'Switchboard konnte den Browser für die Anmeldung bei {{provider}} nicht öffnen',
    expired:
      'Ihre Anmeldung bei {{provider}} ist abgelaufen; melden Sie sich erneut an. Ihre Arbeit bleibt erhalten und wird nach der Anmeldung gesendet',
    failed:
      '{{provider}} hat auf die Anmeldung etwas geantwortet, das Switchboard nicht verwenden kann; versuchen Sie es erneut, und informieren Sie die IT, wenn es wieder passiert',
    signedOut: 'Sie sind bei {{provider}} abgemeldet',
    unreadable:
      'Switchboard konnte Ihre Anmeldung bei {{provider}} nicht lesen; melden Sie sich erneut an. Ihre Arbeit bleibt erhalten und wird nach der Anmeldung gesendet',
    minutes_one: '{{count}} Minute',
    minutes_other: '{{count}} Minuten',
    seconds_one: '{{count}} Sekunde',
    seconds_other: '{{count}} Sekunden',
  },
  oauthReason: {
    invalidScope: 'die Berechtigungen, die Switchboard anfordert, sind für diese App nicht erlaubt',
    unauthorizedClient: 'diese App darf sich nicht auf diese Weise anmelden',
    invalidClient: 'die Client-ID oder das Client-Geheimnis der App wird nicht akzeptiert',
    invalidGrant: 'der Anmeldecode wurde nicht akzeptiert (er ist möglicherweise abgelaufen oder wurde schon verwendet)',
    unsupported: 'diese Art der Anmeldung wird nicht unterstützt',
    invalidRequest: 'die Anmeldeanfrage wurde nicht akzeptiert',
    serverError: 'es ist ein interner Fehler aufgetreten; versuchen Sie es später erneut',
    temporarilyUnavailable: 'der Dienst ist ausgelastet oder wird gewartet; versuchen Sie es später erneut',
    none: 'es wurde kein Grund genannt',
  },
  oauthSetup: {
    badId: 'die ID darf nur aus kleingeschriebenen Wörtern und Bindestrichen bestehen',
    noClientId: 'es ist keine Client-ID angegeben',
    badScopes: 'jeder Scope muss ein einzelnes Wort sein',
    badPort: 'der Weiterleitungsport muss eine Zahl von 1 bis 65535 sein',
    noEndpoints: 'es braucht einen Autorisierungs- und einen Token-Endpunkt oder einen Aussteller, über den sie ermittelt werden',
    discoveryIncomplete: 'das Discovery-Dokument nennt keinen Autorisierungs- oder Token-Endpunkt',
    mixedEndpoints: 'alle Endpunkte müssen https verwenden oder alle auf diesem Computer liegen (ein Testserver)',
    endpointsMissing: 'es sind keine Endpunkte angegeben',
    sentToNotHttps: 'Switchboard wurde an eine Adresse ohne https weitergeleitet',
    sentOffComputer: 'Switchboard wurde an eine Adresse außerhalb dieses Computers weitergeleitet',
    portInUse: 'Port {{port}} auf diesem Computer, den die Anmeldung braucht, wird von einem anderen Programm verwendet',
    cannotWait: 'Switchboard konnte auf diesem Computer nicht auf den Browser warten ({{code}})',
    notUrl: '{{endpoint}}: keine gültige URL',
    credentials: '{{endpoint}}: darf keinen Benutzernamen und kein Passwort enthalten',
    fragment: '{{endpoint}}: darf kein #Fragment enthalten',
    plainHttp: '{{endpoint}}: muss https verwenden (einfaches http ist nur für einen Testserver auf diesem Computer erlaubt)',
    notHttps: '{{endpoint}}: muss eine https-Adresse sein',
  },
  endpoint: {
    authorizationEndpoint: 'Autorisierungs-Endpunkt',
    tokenEndpoint: 'Token-Endpunkt',
    revocationEndpoint: 'Widerrufs-Endpunkt',
    issuer: 'Aussteller',
    discoveredAuthorizationEndpoint: 'ermittelter Autorisierungs-Endpunkt',
    discoveredTokenEndpoint: 'ermittelter Token-Endpunkt',
    discoveredRevocationEndpoint: 'ermittelter Widerrufs-Endpunkt',
  },
};
export default de;
