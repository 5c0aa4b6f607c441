import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local status page for tests: serves one document (a Statuspage v2 summary.json, RSS or Atom)
 * with an ETag and Last-Modified, answers 304 to a matching If-None-Match / If-Modified-Since, and
 * can be broken on purpose (HTTP 500, a body that is no feed, a connection reset).
 */
export type FeedFault = 'http-500' | 'garbage' | 'reset' | null;

export interface FeedRequest {
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
  status: number;
}

export interface StatusFeedServer {
  url: string;
  /** Publishes a new version of the document (a new ETag and Last-Modified). */
  publish(body: string, contentType?: string): void;
  fault(fault: FeedFault): void;
  requests: FeedRequest[];
  close(): Promise<void>;
}

export async function startStatusFeedServer(path = '/api/v2/summary.json'): Promise<StatusFeedServer> {
  let body = '';
  let contentType = 'application/json';
  let version = 0;
  // Whole seconds: HTTP dates have no finer resolution, and each version must have a later one.
  let modified = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
  let fault: FeedFault = null;
  const requests: FeedRequest[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const header = (name: string): string | null => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : null;
    };
    const record = (status: number): void => {
      requests.push({ ifNoneMatch: header('if-none-match'), ifModifiedSince: header('if-modified-since'), status });
    };
    if (req.url !== path) {
      record(404);
      res.writeHead(404).end();
      return;
    }
    if (fault === 'reset') {
      record(0);
      req.socket.destroy();
      return;
    }
    if (fault === 'http-500') {
      record(500);
      res.writeHead(500, { 'content-type': 'text/plain' }).end('status page is down');
      return;
    }
    if (fault === 'garbage') {
      record(200);
      res.writeHead(200, { 'content-type': 'text/html' }).end('Service Unavailable - please try later');
      return;
    }
    const etag = `"v${version}"`;
    const lastModified = new Date(modified).toUTCString();
    const since = header('if-modified-since');
    if (header('if-none-match') === etag || (header('if-none-match') === null && since !== null && Date.parse(since) >= modified)) {
      record(304);
      res.writeHead(304, { etag, 'last-modified': lastModified }).end();
      return;
    }
    record(200);
    res.writeHead(200, { 'content-type': contentType, etag, 'last-modified': lastModified, 'cache-control': 'no-cache' }).end(body);
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    publish(next, type = 'application/json') {
      body = next;
      contentType = type;
      version += 1;
      modified += 1000;
    },
    fault(next) {
      fault = next;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SummaryIncident {
  id: string;
  name: string;
  status: 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'postmortem';
  impact: 'none' | 'minor' | 'major' | 'critical';
  components: string[];
  updates: { status: string; body: string; at: string }[];
}

/** A Statuspage v2 summary.json with the fields the public API has (Statuspage API reference › Summary). */
export function statuspageSummary(incidents: SummaryIncident[], maintenances: unknown[] = []): string {
  const page = {
    id: 'y2j98763l56x',
    name: 'Acme Telecom',
    url: 'https://status.example.com',
    time_zone: 'Etc/UTC',
    updated_at: '2026-12-06T04:00:00.000Z',
  };
  const component = (name: string, i: number) => ({
    id: `cmp${i}`,
    name,
    status: 'major_outage',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-12-06T04:00:00.000Z',
    position: i + 1,
    description: null,
    showcase: true,
    start_date: null,
    group_id: null,
    page_id: page.id,
    group: false,
    only_show_if_degraded: false,
  });
  return JSON.stringify({
    page,
    status: {
      indicator: incidents.some((i) => i.impact === 'critical') ? 'critical' : incidents.length > 0 ? 'major' : 'none',
      description: 'Partial System Outage',
    },
    components: [component('Voice (PSTN)', 0), component('Billing portal', 1)],
    incidents: incidents.map((i) => ({
      id: i.id,
      name: i.name,
      status: i.status,
      created_at: i.updates[i.updates.length - 1]?.at ?? '2026-12-06T03:00:00.000Z',
      updated_at: i.updates[0]?.at ?? '2026-12-06T03:00:00.000Z',
      monitoring_at: null,
      resolved_at: i.status === 'resolved' ? i.updates[0]?.at : null,
      impact: i.impact,
      shortlink: `https://stspg.io/${i.id}`,
      started_at: i.updates[i.updates.length - 1]?.at ?? '2026-12-06T03:00:00.000Z',
      page_id: page.id,
      incident_updates: i.updates.map((u, n) => ({
        id: `${i.id}-u${n}`,
        status: u.status,
        body: u.body,
        incident_id: i.id,
        created_at: u.at,
        updated_at: u.at,
        display_at: u.at,
        affected_components: i.components.map((name) => ({ code: name, name, old_status: 'operational', new_status: 'major_outage' })),
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      })),
      components: i.components.map((name, n) => component(name, n)),
    })),
    scheduled_maintenances: maintenances,
  });
}
