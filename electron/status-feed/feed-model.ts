import type { ActiveIncidentStatus, Incident, IncidentImpact } from '../../shared/status-feed/contract';
import { englishOf, type UserText } from '../../shared/text/user-text';

/** The formats a status feed may be in; which one is told by the body (docs/deploy.md, "Status feed"). */
export type FeedFormat = 'statuspage' | 'rss' | 'atom';

export interface ParsedFeed {
  format: FeedFormat;
  /** Active incidents only (not resolved, not a post-mortem, not a maintenance still to come), most severe first. */
  incidents: Incident[];
}

/** A feed that cannot be used: `text` says what was wrong with it, for the banner; `message` is its English, for the log. */
export class FeedError extends Error {
  constructor(readonly text: UserText) {
    super(englishOf(text));
    this.name = 'FeedError';
  }
}

/** What the view can carry: more than this many incidents at once is a feed listing its history, not an outage. */
export const MAX_INCIDENTS = 50;
const MAX_COMPONENTS = 50;

const IMPACT_RANK: Record<IncidentImpact, number> = { critical: 0, major: 1, minor: 2, unknown: 3, maintenance: 4, none: 5 };

/** Most severe first; among equals the most recently updated. */
export function bySeverity(a: Incident, b: Incident): number {
  return IMPACT_RANK[a.impact] - IMPACT_RANK[b.impact] || (b.updatedAt ?? 0) - (a.updatedAt ?? 0);
}

/** Cuts text to the view's limits on a character boundary, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** A time in the feed (ISO 8601 or RFC 822), or null when absent or unreadable. */
export function timeOf(value: unknown): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const t = Date.parse(value);
  return Number.isFinite(t) && t >= 0 ? t : null;
}

/** Only https links are shown: a feed must not put javascript: or plain-http links in the window. */
export function safeLink(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' && url.username === '' && url.password === '' && url.href.length <= 500 ? url.href : null;
  } catch {
    return null;
  }
}

/** One incident for the view, every field held to its limits. */
export function incidentOf(fields: {
  id: string;
  name: string;
  impact: IncidentImpact;
  status: ActiveIncidentStatus;
  latestUpdate: string | null;
  components: readonly string[];
  startedAt: number | null;
  updatedAt: number | null;
  url: string | null;
}): Incident {
  const components = [...new Set(fields.components.map((c) => clip(c.trim(), 200)).filter((c) => c !== ''))].slice(0, MAX_COMPONENTS);
  const update = fields.latestUpdate?.trim() ?? '';
  return {
    id: clip(fields.id.trim(), 200),
    name: clip(fields.name.trim(), 300),
    impact: fields.impact,
    status: fields.status,
    latestUpdate: update === '' ? null : clip(update, 2000),
    components,
    startedAt: fields.startedAt,
    updatedAt: fields.updatedAt,
    url: fields.url,
  };
}
