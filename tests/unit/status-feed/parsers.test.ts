import { describe, expect, it } from 'vitest';
import { FeedError } from '../../../electron/status-feed/feed-model';
import { parseFeed } from '../../../electron/status-feed/parse-feed';
import { statuspageSummary, type SummaryIncident } from '../../support/status-feed-server';

const NOW = Date.parse('2026-12-06T05:00:00Z');

const outage: SummaryIncident = {
  id: 'p31zjtct2jer',
  name: 'Calls to +44 numbers fail',
  status: 'identified',
  impact: 'major',
  components: ['Voice (PSTN)'],
  updates: [
    { status: 'identified', body: 'A carrier route is down; calls are being rerouted.', at: '2026-12-06T04:30:00Z' },
    { status: 'investigating', body: 'We are investigating failed calls.', at: '2026-12-06T04:00:00Z' },
  ],
};

function refusal(body: string): string {
  try {
    parseFeed(body, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedError);
    return (error as Error).message;
  }
  throw new Error('the feed was accepted');
}

describe('Statuspage v2 summary.json', () => {
  it('reads an active incident: name, impact, status, latest update, affected components, times and link', () => {
    const feed = parseFeed(statuspageSummary([outage]), NOW);
    expect(feed.format).toBe('statuspage');
    expect(feed.incidents).toEqual([
      {
        id: 'p31zjtct2jer',
        name: 'Calls to +44 numbers fail',
        impact: 'major',
        status: 'identified',
        latestUpdate: 'A carrier route is down; calls are being rerouted.',
        components: ['Voice (PSTN)'],
        startedAt: Date.parse('2026-12-06T04:00:00Z'),
        updatedAt: Date.parse('2026-12-06T04:30:00Z'),
        url: 'https://stspg.io/p31zjtct2jer',
      },
    ]);
  });

  it('leaves out resolved incidents and post-mortems, and lists the most severe first', () => {
    const feed = parseFeed(
      statuspageSummary([
        { ...outage, id: 'minor1', name: 'Slow portal', impact: 'minor' },
        { ...outage, id: 'done1', name: 'Fixed yesterday', status: 'resolved' },
        { ...outage, id: 'pm1', name: 'Last week', status: 'postmortem' },
        { ...outage, id: 'crit1', name: 'All calls fail', impact: 'critical' },
      ]),
      NOW,
    );
    expect(feed.incidents.map((i) => i.id)).toEqual(['crit1', 'minor1']);
  });

  it('shows a maintenance in progress, not one still to come or completed', () => {
    const maintenance = (id: string, status: string) => ({
      id,
      name: `Maintenance ${id}`,
      status,
      impact: 'maintenance',
      created_at: '2026-12-06T01:00:00Z',
      updated_at: '2026-12-06T04:00:00Z',
      scheduled_for: '2026-12-06T04:00:00Z',
      scheduled_until: '2026-12-06T06:00:00Z',
      shortlink: 'http://stspg.io/plain-http',
      incident_updates: [
        { status, body: 'Database upgrade under way.', created_at: '2026-12-06T04:00:00Z', display_at: '2026-12-06T04:00:00Z' },
      ],
      components: [{ name: 'Billing portal' }],
    });
    const feed = parseFeed(
      statuspageSummary([], [maintenance('m1', 'in_progress'), maintenance('m2', 'scheduled'), maintenance('m3', 'completed')]),
      NOW,
    );
    expect(feed.incidents).toMatchObject([
      {
        id: 'm1',
        impact: 'maintenance',
        status: 'in_progress',
        components: ['Billing portal'],
        startedAt: Date.parse('2026-12-06T04:00:00Z'),
      },
    ]);
    // Only https links reach the window.
    expect(feed.incidents[0]?.url).toBeNull();
  });

  it('takes the components from the latest update when the incident has no list of its own', () => {
    const doc = JSON.parse(statuspageSummary([outage])) as { incidents: Record<string, unknown>[] };
    delete doc.incidents[0]!.components;
    expect(parseFeed(JSON.stringify(doc), NOW).incidents[0]?.components).toEqual(['Voice (PSTN)']);
  });

  it('reads an unknown status or impact as unknown rather than refusing the feed', () => {
    const doc = JSON.parse(statuspageSummary([outage])) as { incidents: Record<string, unknown>[] };
    doc.incidents[0]!.status = 'escalated';
    doc.incidents[0]!.impact = 'catastrophic';
    expect(parseFeed(JSON.stringify(doc), NOW).incidents[0]).toMatchObject({ status: 'unknown', impact: 'unknown' });
  });

  it('refuses what is not a Statuspage document, saying what is wrong', () => {
    expect(refusal('{"page": {"id": "x"}')).toMatch(/^The feed is not valid JSON/);
    expect(refusal('{"page": {"id": "x"}}')).toMatch(/has no "incidents" list: expected a Statuspage v2 summary\.json/);
    expect(refusal('{"incidents": {"id": "x"}}')).toMatch(/has no "incidents" list/);
    expect(refusal('{"incidents": [{"name": "No id"}]}')).toBe('incidents[0]: has no "id"');
    expect(refusal('{"incidents": [{"id": "a1", "name": ""}]}')).toBe('incidents[0]: has no "name"');
    expect(refusal('{"incidents": [{"id": "a1", "name": "x", "incident_updates": "soon"}]}')).toBe(
      'incidents[0]: "incident_updates" is not a list',
    );
    expect(refusal('{"incidents": [], "scheduled_maintenances": [3]}')).toBe('"scheduled_maintenances"[0] is not an object');
    expect(refusal('')).toBe('The feed is empty');
    expect(refusal('Service Unavailable')).toMatch(/neither JSON .* nor XML/);
  });
});

const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Acme Telecom Status - Incident History</title>
    <link>https://status.example.com</link>
    <description>Statuspage</description>
    ${items}
  </channel>
</rss>`;

const statuspageItem = (guid: string, title: string, latest: string, pubDate: string, extra = '') => `<item>
      <title>${title}</title>
      <description>
&lt;p&gt;&lt;small&gt;Dec &lt;var data-var='date'&gt; 6&lt;/var&gt;, &lt;var data-var='time'&gt;04:30&lt;/var&gt; UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;${latest}&lt;/strong&gt; - Calls are being rerouted &amp;amp; should connect.&lt;/p&gt;&lt;p&gt;&lt;small&gt;Dec &lt;var data-var='date'&gt; 6&lt;/var&gt;&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Investigating&lt;/strong&gt; - We are investigating.&lt;/p&gt;${extra}
      </description>
      <pubDate>${pubDate}</pubDate>
      <link>https://status.example.com/incidents/${guid}</link>
      <guid>https://status.example.com/incidents/${guid}</guid>
    </item>`;

describe('RSS 2.0 (Statuspage history.rss)', () => {
  it('reads the active entries: the status and text of the newest update, the affected components', () => {
    const feed = parseFeed(
      rss(
        statuspageItem(
          'abc',
          'Calls to +44 numbers fail',
          'Identified',
          'Sun, 06 Dec 2026 04:30:00 +0000',
          '&lt;p&gt;This incident affected: Voice (PSTN) and Billing portal.&lt;/p&gt;',
        ) + statuspageItem('old', 'Portal slow', 'Resolved', 'Sat, 05 Dec 2026 10:00:00 +0000'),
      ),
      NOW,
    );
    expect(feed.format).toBe('rss');
    expect(feed.incidents).toEqual([
      {
        id: 'https://status.example.com/incidents/abc',
        name: 'Calls to +44 numbers fail',
        impact: 'unknown',
        status: 'identified',
        latestUpdate: 'Calls are being rerouted & should connect.',
        components: ['Voice (PSTN)', 'Billing portal'],
        startedAt: Date.parse('2026-12-06T04:30:00Z'),
        updatedAt: Date.parse('2026-12-06T04:30:00Z'),
        url: 'https://status.example.com/incidents/abc',
      },
    ]);
  });

  it('shows an entry without a status word only while it is recent', () => {
    const plain = (guid: string, date: string) =>
      `<item><title>Outage ${guid}</title><description>Calls may drop.</description><pubDate>${date}</pubDate><guid>${guid}</guid></item>`;
    const feed = parseFeed(
      rss(plain('recent', 'Sun, 06 Dec 2026 03:00:00 GMT') + plain('old', 'Thu, 03 Dec 2026 03:00:00 GMT') + plain('undated', '')),
      NOW,
    );
    expect(feed.incidents.map((i) => [i.id, i.status, i.latestUpdate])).toEqual([['recent', 'unknown', 'Calls may drop.']]);
  });

  it('takes a title marked resolved as ended', () => {
    const item = `<item><title>[Resolved] Calls drop</title><description>Fixed.</description><pubDate>Sun, 06 Dec 2026 04:00:00 GMT</pubDate><guid>r1</guid></item>`;
    expect(parseFeed(rss(item), NOW).incidents).toEqual([]);
  });

  it('refuses a broken or unsafe feed, saying why', () => {
    expect(refusal('<rss version="2.0"><channel><item><title>x</title></channel></rss>')).toMatch(
      /^The feed is not well-formed XML \(line 1: <\/channel> closes <item>/,
    );
    expect(refusal(rss('<item><description>No title</description><guid>g</guid></item>'))).toMatch(
      /RSS <item> 1 \(line \d+\) has no <title>/,
    );
    expect(refusal(rss('<item><title>No id</title></item>'))).toMatch(/has neither <guid> nor <link>/);
    expect(refusal('<rss version="2.0"></rss>')).toBe('The RSS feed has no <channel>');
    expect(refusal('<html><body>Down for maintenance</body></html>')).toBe(
      "The feed's XML root is <html>: expected RSS 2.0 (<rss>) or Atom (<feed>)",
    );
    // Entity expansion (billion laughs) and external entities are refused, not expanded.
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><rss><channel></channel></rss>';
    expect(refusal(laughs)).toMatch(/a DOCTYPE with an internal subset is not accepted/);
    expect(refusal(rss('<item><title>&xxe;</title><guid>g</guid></item>'))).toMatch(/unknown entity &xxe;/);
  });
});

const atom = (entries: string) => `<?xml version="1.0" encoding="UTF-8"?>
<feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">
  <id>tag:status.example.com,2005:/history</id>
  <title>Acme Telecom Status - Incident History</title>
  <updated>2026-12-06T04:30:00Z</updated>
  ${entries}
</feed>`;

describe('Atom (Statuspage history.atom)', () => {
  it('reads the active entries from their content', () => {
    const entry = `<entry>
    <id>tag:status.example.com,2005:Incident/123</id>
    <published>2026-12-06T04:00:00Z</published>
    <updated>2026-12-06T04:30:00Z</updated>
    <link rel="alternate" type="text/html" href="https://status.example.com/incidents/123"/>
    <title>Voicemail unavailable</title>
    <content type="html">&lt;p&gt;&lt;strong&gt;Monitoring&lt;/strong&gt; - A fix is in place.&lt;/p&gt;</content>
  </entry>
  <entry>
    <id>tag:status.example.com,2005:Incident/99</id>
    <updated>2026-12-01T04:30:00Z</updated>
    <title>Old</title>
    <content type="html">&lt;p&gt;&lt;strong&gt;Postmortem&lt;/strong&gt; - Report.&lt;/p&gt;</content>
  </entry>`;
    const feed = parseFeed(atom(entry), NOW);
    expect(feed.format).toBe('atom');
    expect(feed.incidents).toEqual([
      {
        id: 'tag:status.example.com,2005:Incident/123',
        name: 'Voicemail unavailable',
        impact: 'unknown',
        status: 'monitoring',
        latestUpdate: 'A fix is in place.',
        components: [],
        startedAt: Date.parse('2026-12-06T04:00:00Z'),
        updatedAt: Date.parse('2026-12-06T04:30:00Z'),
        url: 'https://status.example.com/incidents/123',
      },
    ]);
  });

  it('refuses an entry without an id', () => {
    expect(refusal(atom('<entry><title>x</title><updated>2026-12-06T04:30:00Z</updated></entry>'))).toMatch(
      /Atom <entry> 1 \(line \d+\) has no <id>/,
    );
  });
});
