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
  /**
   * Each follows a colon in `oauth.refused` and is a whole sentence there, so it starts with a
   * capital letter, as German writes a sentence after a colon (English keeps its clause lower-case).
   */
  oauthReason: {
    invalidScope: 'Die Berechtigungen, die Switchboard anfordert, sind für diese App nicht erlaubt',
    unauthorizedClient: 'Diese App darf sich nicht auf diese Weise anmelden',
    invalidClient: 'Die Client-ID oder das Client-Geheimnis der App wird nicht akzeptiert',
    invalidGrant: 'Der Anmeldecode wurde nicht akzeptiert (er ist möglicherweise abgelaufen oder wurde schon verwendet)',
    unsupported: 'Diese Art der Anmeldung wird nicht unterstützt',
    invalidRequest: 'Die Anmeldeanfrage wurde nicht akzeptiert',
    serverError: 'Es ist ein interner Fehler aufgetreten; versuchen Sie es später erneut',
    temporarilyUnavailable: 'Der Dienst ist ausgelastet oder wird gewartet; versuchen Sie es später erneut',
    none: 'Es wurde kein Grund genannt',
  },
  /** Whole sentences after the colon of `oauth.configuration`: capitalised, as `oauthReason`. */
  oauthSetup: {
    badId: 'Die ID darf nur aus kleingeschriebenen Wörtern und Bindestrichen bestehen',
    noClientId: 'Es ist keine Client-ID angegeben',
    badScopes: 'Jeder Scope muss ein einzelnes Wort sein',
    badPort: 'Der Weiterleitungsport muss eine Zahl von 1 bis 65535 sein',
    noEndpoints: 'Es braucht einen Autorisierungs- und einen Token-Endpunkt oder einen Aussteller, über den sie ermittelt werden',
    discoveryIncomplete: 'Das Discovery-Dokument nennt keinen Autorisierungs- oder Token-Endpunkt',
    mixedEndpoints: 'Alle Endpunkte müssen https verwenden oder alle auf diesem Computer liegen (ein Testserver)',
    endpointsMissing: 'Es sind keine Endpunkte angegeben',
    sentToNotHttps: 'Switchboard wurde an eine Adresse ohne https weitergeleitet',
    sentOffComputer: 'Switchboard wurde an eine Adresse außerhalb dieses Computers weitergeleitet',
    portInUse: 'Port {{port}} auf diesem Computer, den die Anmeldung braucht, wird von einem anderen Programm verwendet',
    cannotWait: 'Switchboard konnte auf diesem Computer nicht auf den Browser warten ({{code}})',
    notUrl: 'Der {{endpoint}} ist keine gültige URL',
    credentials: 'Der {{endpoint}} darf keinen Benutzernamen und kein Passwort enthalten',
    fragment: 'Der {{endpoint}} darf kein #Fragment enthalten',
    plainHttp: 'Der {{endpoint}} muss https verwenden (einfaches http ist nur für einen Testserver auf diesem Computer erlaubt)',
    notHttps: 'Der {{endpoint}} muss eine https-Adresse sein',
  },
  /** Each follows "Der" in `oauthSetup` (all are masculine), so an adjective takes its form after "der". */
  endpoint: {
    authorizationEndpoint: 'Autorisierungs-Endpunkt',
    tokenEndpoint: 'Token-Endpunkt',
    revocationEndpoint: 'Widerrufs-Endpunkt',
    issuer: 'Aussteller',
    discoveredAuthorizationEndpoint: 'ermittelte Autorisierungs-Endpunkt',
    discoveredTokenEndpoint: 'ermittelte Token-Endpunkt',
    discoveredRevocationEndpoint: 'ermittelte Widerrufs-Endpunkt',
  },
};
export default de;
