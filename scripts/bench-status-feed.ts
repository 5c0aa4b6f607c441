/**
 * How long reading a status feed holds main's event loop: the feed is parsed on main's thread
 * (electron/status-feed/), once per changed body, so the worst case is a body at the poller's cap.
 * Prints one line per size and format, each beside the machine's floor for that many bytes (a bare
 * `JSON.parse` of a JSON body of the same size); the last line is one JSON object.
 *   npm run bench:status-feed
 */
import { parseFeed } from '../electron/status-feed/parse-feed';
import { DEFAULT_MAX_BYTES } from '../electron/status-feed/poller';
import { jsonParseFloorMs, ratio } from './lib/machine-floor';

const RUNS = 5;

function rss(bytes: number): string {
  const item = (i: number) =>
    `<item>\n<title>Incident ${i}</title>\n<description>&lt;p&gt;&lt;strong&gt;Resolved&lt;/strong&gt; - This incident has been resolved.&lt;/p&gt;</description>\n<pubDate>Sat, 05 Dec 2026 10:00:00 +0000</pubDate>\n<guid>https://status.example.com/incidents/${i}</guid>\n</item>\n`;
  let body = '<?xml version="1.0"?><rss version="2.0"><channel><title>History</title>\n';
  for (let i = 0; body.length < bytes - 400; i += 1) body += item(i);
  return `${body}</channel></rss>`;
}

function summary(bytes: number): string {
  const incident = (i: number) => ({
    id: `inc${i}`,
    name: `Incident ${i}`,
    status: i % 10 === 0 ? 'investigating' : 'resolved',
    impact: 'major',
    created_at: '2026-12-06T04:00:00Z',
    updated_at: '2026-12-06T04:30:00Z',
    started_at: '2026-12-06T04:00:00Z',
    shortlink: `https://stspg.io/inc${i}`,
    incident_updates: [
      {
        id: `u${i}`,
        status: 'investigating',
        body: 'We are investigating.',
        created_at: '2026-12-06T04:00:00Z',
        display_at: '2026-12-06T04:00:00Z',
      },
    ],
    components: [{ id: `c${i}`, name: `Component ${i}`, status: 'major_outage' }],
  });
  const incidents: unknown[] = [];
  while (JSON.stringify({ incidents }).length < bytes - 1000) incidents.push(incident(incidents.length));
  return JSON.stringify({ page: { id: 'p', name: 'Status' }, incidents, scheduled_maintenances: [] });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const results: Record<string, number | null> = {};
for (const kib of [64, 256, DEFAULT_MAX_BYTES / 1024]) {
  const floorMs = Math.round(jsonParseFloorMs(summary(kib * 1024), RUNS) * 100) / 100;
  results[`floor_json_parse_${kib}KiB_ms`] = floorMs;
  process.stdout.write(`machine floor, JSON.parse of ${kib} KiB: median ${floorMs} ms\n`);
  for (const [format, body] of [
    ['rss', rss(kib * 1024)],
    ['statuspage', summary(kib * 1024)],
  ] as const) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const start = performance.now();
      parseFeed(body, Date.parse('2026-12-06T05:00:00Z'));
      times.push(performance.now() - start);
    }
    const ms = Math.round(median(times) * 10) / 10;
    results[`${format}_${kib}KiB_ms`] = ms;
    results[`${format}_${kib}KiB_x_floor`] = ratio(ms, floorMs);
    process.stdout.write(`${format} ${kib} KiB: median ${ms} ms over ${RUNS} runs (${ratio(ms, floorMs) ?? '?'} × the floor)\n`);
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
