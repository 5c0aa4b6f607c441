/**
 * Atlassian Statuspage's public API v2 `summary.json` (Statuspage API reference › Status API ›
 * Summary): `page` { id, name, url, updated_at }, `status` { indicator none|minor|major|critical,
 * description }, `components` [{ id, name, status operational|degraded_performance|partial_outage|
 * major_outage|under_maintenance }], `incidents` [{ id, name, status investigating|identified|
 * monitoring|resolved|postmortem, impact none|minor|major|critical, created_at, updated_at,
 * started_at, resolved_at, shortlink, components [{ name, status }], incident_updates [{ status,
 * body, created_at, display_at, affected_components [{ code, name, old_status, new_status }] }] }],
 * `scheduled_maintenances` (the incident fields, status scheduled|in_progress|verifying|completed,
 * scheduled_for, scheduled_until). `incidents.json` and `incidents/unresolved.json` have the same
 * incident objects and are read the same way. Fields not named here are ignored.
 */
import type { ActiveIncidentStatus, Incident, IncidentImpact } from '../../shared/status-feed/contract';
import { userText } from '../../shared/text/user-text';
import { bySeverity, FeedError, incidentOf, MAX_INCIDENTS, safeLink, timeOf, type ParsedFeed } from './feed-model';

const ACTIVE: Record<string, ActiveIncidentStatus> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
};
const ENDED = new Set(['resolved', 'postmortem', 'completed']);
const MAINTENANCE_ACTIVE: Record<string, ActiveIncidentStatus> = { in_progress: 'in_progress', verifying: 'verifying' };
const IMPACTS = new Set<IncidentImpact>(['none', 'minor', 'major', 'critical']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function listAt(parent: Json, key: string, where: string): Json[] {
  const value = parent[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new FeedError(userText('statusFeed.feed.notAList', { where, key }));
  value.forEach((item, index) => {
    if (!isObject(item)) throw new FeedError(userText('statusFeed.feed.itemNotObject', { where, key, index }));
  });
  return value as Json[];
}

/** The newest update first: display_at is what the page shows, created_at when it has none. */
function latestUpdate(incident: Json, where: string): Json | null {
  const updates = listAt(incident, 'incident_updates', where);
  let best: Json | null = null;
  let bestAt = -Infinity;
  for (const update of updates) {
    const at = timeOf(update.display_at) ?? timeOf(update.created_at) ?? 0;
    if (best === null || at > bestAt) {
      best = update;
      bestAt = at;
    }
  }
  return best;
}

function readIncident(raw: Json, index: number, list: 'incidents' | 'scheduled_maintenances'): Incident | null {
  const where = `${list}[${index}]: `;
  const id = text(raw.id).trim();
  const name = text(raw.name).trim();
  if (id === '') throw new FeedError(userText('statusFeed.feed.noId', { where }));
  if (name === '') throw new FeedError(userText('statusFeed.feed.noName', { where }));
  const rawStatus = text(raw.status);
  let status: ActiveIncidentStatus;
  if (list === 'scheduled_maintenances') {
    const active = MAINTENANCE_ACTIVE[rawStatus];
    // scheduled (still to come) and completed maintenances are not going on now.
    if (active === undefined) return null;
    status = active;
  } else {
    if (ENDED.has(rawStatus)) return null;
    status = ACTIVE[rawStatus] ?? 'unknown';
  }
  const update = latestUpdate(raw, where);
  const components = listAt(raw, 'components', where).map((c) => text(c.name));
  // An incident without its own component list still names them on its updates.
  if (components.length === 0 && update) components.push(...listAt(update, 'affected_components', where).map((c) => text(c.name)));
  const impact = text(raw.impact) as IncidentImpact;
  return incidentOf({
    id,
    name,
    impact: list === 'scheduled_maintenances' ? 'maintenance' : IMPACTS.has(impact) ? impact : 'unknown',
    status,
    latestUpdate: update ? text(update.body) : null,
    components,
    startedAt: timeOf(raw.started_at) ?? timeOf(raw.scheduled_for) ?? timeOf(raw.created_at),
    updatedAt: timeOf(raw.updated_at) ?? (update ? (timeOf(update.display_at) ?? timeOf(update.created_at)) : null),
    url: safeLink(raw.shortlink),
  });
}

/** Reads a Statuspage v2 document; refuses one that is not, saying which field is wrong. */
export function parseStatuspage(body: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    throw new FeedError(
      error instanceof SyntaxError
        ? userText('statusFeed.feed.invalidJson', { detail: error.message.slice(0, 200) })
        : userText('statusFeed.feed.unreadableJson'),
    );
  }
  if (!isObject(doc)) throw new FeedError(userText('statusFeed.feed.jsonNotObject'));
  if (!Array.isArray(doc.incidents)) throw new FeedError(userText('statusFeed.feed.noIncidents'));
  if (doc.page !== undefined && !isObject(doc.page)) throw new FeedError(userText('statusFeed.feed.pageNotObject'));
  const incidents = [
    ...listAt(doc, 'incidents', '').map((raw, i) => readIncident(raw, i, 'incidents')),
    ...listAt(doc, 'scheduled_maintenances', '').map((raw, i) => readIncident(raw, i, 'scheduled_maintenances')),
  ].filter((i): i is Incident => i !== null);
  return { format: 'statuspage', incidents: incidents.sort(bySeverity).slice(0, MAX_INCIDENTS) };
}
