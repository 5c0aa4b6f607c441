import type { Catalog } from '../catalog';
import type en from '../en/statusFeed';

/** German of main's "statusFeed" messages (`shared/text/en/statusFeed.ts`). */
const de: Catalog<typeof en> = {
  problem: {
    httpStatus: '{{host}} hat mit HTTP {{status}} geantwortet',
    redirect:
      '{{host}} hat mit HTTP {{status}} geantwortet (eine Weiterleitung nach {{location}}: tragen Sie die neue Adresse in der Richtlinie ein)',
    redirectNowhere:
      '{{host}} hat mit HTTP {{status}} geantwortet (eine Weiterleitung ohne Ziel: tragen Sie die neue Adresse in der Richtlinie ein)',
    timeout: '{{host}} hat nicht innerhalb von {{seconds}} s geantwortet',
    tooLarge: '{{host}} hat eine Antwort größer als {{limit}} gesendet',
    unreachable: '{{host}} ist nicht erreichbar: {{reason}} ({{code}})',
    certificate: 'Die sichere Verbindung zu {{host}} ist fehlgeschlagen: Sein Zertifikat wurde nicht akzeptiert ({{code}})',
    cannotTalk: 'Keine Verbindung mit {{host}} möglich ({{code}})',
    readFailed: 'das Lesen ist fehlgeschlagen',
  },
  feed: {
    empty: 'Der Feed ist leer',
    unknownFormat: 'Der Feed ist weder JSON (Statuspage v2 summary.json) noch XML (RSS 2.0 oder Atom)',
    notAList: '{{where}}„{{key}}“ ist keine Liste',
    itemNotObject: '{{where}}„{{key}}“[{{index}}] ist kein Objekt',
    noId: '{{where}}hat keine „id“',
    noName: '{{where}}hat keinen „name“',
    invalidJson: 'Der Feed ist kein gültiges JSON ({{detail}})',
    unreadableJson: 'Der Feed ist kein gültiges JSON (nicht lesbar)',
    jsonNotObject: 'Der Feed ist JSON, aber kein Objekt: erwartet wird eine Statuspage v2 summary.json',
    noIncidents: 'Der Feed ist JSON, hat aber keine Liste „incidents“: erwartet wird eine Statuspage v2 summary.json (oder incidents.json)',
    pageNotObject: '„page“ ist kein Objekt',
    rssNoChannel: 'Der RSS-Feed hat kein <channel>',
    rssNoTitle: 'RSS-<item> {{index}} (Zeile {{line}}) hat keinen <title>',
    rssNoId: 'RSS-<item> {{index}} (Zeile {{line}}) hat weder <guid> noch <link>',
    atomNoTitle: 'Atom-<entry> {{index}} (Zeile {{line}}) hat keinen <title>',
    atomNoId: 'Atom-<entry> {{index}} (Zeile {{line}}) hat keine <id>',
    badXml: 'Der Feed ist kein wohlgeformtes XML ({{detail}})',
    wrongRoot: 'Das XML-Wurzelelement des Feeds ist <{{root}}>: erwartet wird RSS 2.0 (<rss>) oder Atom (<feed>)',
  },
};
export default de;
