/**
 * English messages main composes for the "statusFeed" area: the source the window's other languages follow
 * (`shared/text/de/statusFeed.ts`). Main sends a key and its values (`userText` in
 * `shared/text/user-text.ts`), never the sentence.
 */
export default {
  /** Why the status feed could not be read (the banner's "status feed unavailable" reason). */
  problem: {
    httpStatus: '{{host}} answered HTTP {{status}}',
    redirect: '{{host}} answered HTTP {{status}} (a redirect to {{location}}: set the new address in the policy)',
    redirectNowhere: '{{host}} answered HTTP {{status}} (a redirect to nowhere: set the new address in the policy)',
    timeout: '{{host}} did not answer within {{seconds}} s',
    tooLarge: '{{host}} sent an answer larger than {{limit}}',
    unreachable: 'Cannot reach {{host}}: {{reason}} ({{code}})',
    certificate: 'The secure connection to {{host}} failed: its certificate was not accepted ({{code}})',
    cannotTalk: 'Cannot talk to {{host}} ({{code}})',
    readFailed: 'the read failed',
  },
  /** What is wrong with the feed's content (for IT, who set the feed's address). */
  feed: {
    empty: 'The feed is empty',
    unknownFormat: 'The feed is neither JSON (Statuspage v2 summary.json) nor XML (RSS 2.0 or Atom)',
    notAList: '{{where}}"{{key}}" is not a list',
    itemNotObject: '{{where}}"{{key}}"[{{index}}] is not an object',
    noId: '{{where}}has no "id"',
    noName: '{{where}}has no "name"',
    invalidJson: 'The feed is not valid JSON ({{detail}})',
    unreadableJson: 'The feed is not valid JSON (unreadable)',
    jsonNotObject: 'The feed is JSON but not an object: expected a Statuspage v2 summary.json',
    noIncidents: 'The feed is JSON but has no "incidents" list: expected a Statuspage v2 summary.json (or incidents.json)',
    pageNotObject: '"page" is not an object',
    rssNoChannel: 'The RSS feed has no <channel>',
    rssNoTitle: 'RSS <item> {{index}} (line {{line}}) has no <title>',
    rssNoId: 'RSS <item> {{index}} (line {{line}}) has neither <guid> nor <link>',
    atomNoTitle: 'Atom <entry> {{index}} (line {{line}}) has no <title>',
    atomNoId: 'Atom <entry> {{index}} (line {{line}}) has no <id>',
    badXml: 'The feed is not well-formed XML ({{detail}})',
    wrongRoot: "The feed's XML root is <{{root}}>: expected RSS 2.0 (<rss>) or Atom (<feed>)",
  },
} as const;
