/**
 * RSS 2.0 and Atom (RFC 4287) status feeds, such as Statuspage's `history.rss` and `history.atom`.
 * Read with the repo's strict XML reader (electron/policy/xml.ts: no DTD, no entity expansion, so
 * no billion-laughs or external-entity tricks).
 *
 * These feeds carry no status or impact fields, only entries with a title and an HTML text.
 * Statuspage writes each update of an incident as `<strong>Status</strong> - text`, newest first,
 * so an entry's status is the first `<strong>` of its text (RSS `description`, Atom `content` or
 * `summary`); a title that starts with "[Resolved]" or "Resolved:" ends it too. An entry whose
 * status cannot be told is shown only while it is recent (updated within `RECENT_MS`): a history
 * feed also lists last year's incidents.
 */
import type { ActiveIncidentStatus, Incident } from '../../shared/status-feed/contract';
import { elementsOf, parseXml, textOf, XmlError, type XmlElement } from '../policy/xml';
import { userText } from '../../shared/text/user-text';
import { bySeverity, FeedError, incidentOf, MAX_INCIDENTS, safeLink, timeOf, type ParsedFeed } from './feed-model';

/** How long an entry without a readable status counts as going on. */
export const RECENT_MS = 24 * 60 * 60 * 1000;

const STATUS_WORDS: Record<string, ActiveIncidentStatus | 'ended' | 'future'> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  update: 'unknown',
  'in progress': 'in_progress',
  verifying: 'verifying',
  resolved: 'ended',
  postmortem: 'ended',
  completed: 'ended',
  scheduled: 'future',
};

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML to plain text: tags dropped, the common entities decoded once (never expanded further). */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
      const n =
        name.startsWith('#x') || name.startsWith('#X') ? parseInt(name.slice(2), 16) : name.startsWith('#') ? Number(name.slice(1)) : NaN;
      if (!Number.isNaN(n)) return n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : '';
      return HTML_ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The status word and text of the newest update, and the components the entry names. */
function readEntryText(html: string): { status: string | null; update: string; components: string[] } {
  const paragraphs = html.split(/<\/p>/i).filter((p) => htmlToText(p) !== '');
  const first = paragraphs[0] ?? html;
  const strong = /<strong>([\s\S]*?)<\/strong>/i.exec(first);
  const status = strong ? htmlToText(strong[1] ?? '').toLowerCase() : null;
  const update = strong ? htmlToText(first.slice(strong.index + strong[0].length)).replace(/^[-–—:]\s*/, '') : htmlToText(first);
  const affected = paragraphs.map(htmlToText).find((p) => /^This incident affected:/i.test(p));
  const components = affected
    ? affected
        .replace(/^This incident affected:\s*/i, '')
        .replace(/\.$/, '')
        .split(/,\s*(?:and\s+)?|\s+and\s+/)
    : [];
  return { status, update, components };
}

const localName = (element: XmlElement): string => element.name.slice(element.name.indexOf(':') + 1);
const child = (element: XmlElement, name: string): XmlElement | undefined => elementsOf(element).find((e) => localName(e) === name);
const childText = (element: XmlElement, name: string): string => {
  const found = child(element, name);
  return found ? textOf(found).trim() : '';
};

function incidentOfEntry(
  entry: { id: string; title: string; html: string; published: number | null; updated: number | null; link: string | null },
  now: number,
): Incident | null {
  const read = readEntryText(entry.html);
  if (/^\s*(?:\[resolved\]|resolved:)/i.test(entry.title)) return null;
  const word = read.status === null ? undefined : STATUS_WORDS[read.status];
  if (word === 'ended' || word === 'future') return null;
  const status = word ?? 'unknown';
  const updatedAt = entry.updated ?? entry.published;
  if (status === 'unknown' && word === undefined && (updatedAt === null || now - updatedAt > RECENT_MS)) return null;
  return incidentOf({
    id: entry.id,
    name: entry.title,
    impact: 'unknown',
    status,
    latestUpdate: read.update,
    components: read.components,
    startedAt: entry.published,
    updatedAt,
    url: entry.link,
  });
}

function readRss(root: XmlElement, now: number): Incident[] {
  const channel = child(root, 'channel');
  if (!channel) throw new FeedError(userText('statusFeed.feed.rssNoChannel'));
  return elementsOf(channel)
    .filter((e) => e.name === 'item')
    .map((item, index) => {
      const title = childText(item, 'title');
      const link = childText(item, 'link');
      const id = childText(item, 'guid') || link;
      if (title === '') throw new FeedError(userText('statusFeed.feed.rssNoTitle', { index: index + 1, line: item.line }));
      if (id === '') throw new FeedError(userText('statusFeed.feed.rssNoId', { index: index + 1, line: item.line }));
      const pubDate = timeOf(childText(item, 'pubDate'));
      return incidentOfEntry(
        { id, title, html: childText(item, 'description'), published: pubDate, updated: pubDate, link: safeLink(link) },
        now,
      );
    })
    .filter((i): i is Incident => i !== null);
}

function readAtom(root: XmlElement, now: number): Incident[] {
  return elementsOf(root)
    .filter((e) => localName(e) === 'entry')
    .map((entry, index) => {
      const title = childText(entry, 'title');
      const id = childText(entry, 'id');
      if (title === '') throw new FeedError(userText('statusFeed.feed.atomNoTitle', { index: index + 1, line: entry.line }));
      if (id === '') throw new FeedError(userText('statusFeed.feed.atomNoId', { index: index + 1, line: entry.line }));
      const links = elementsOf(entry).filter((e) => localName(e) === 'link');
      const link = links.find((l) => (l.attributes.rel ?? 'alternate') === 'alternate')?.attributes.href ?? null;
      return incidentOfEntry(
        {
          id,
          title,
          html: childText(entry, 'content') || childText(entry, 'summary'),
          published: timeOf(childText(entry, 'published')),
          updated: timeOf(childText(entry, 'updated')),
          link: safeLink(link),
        },
        now,
      );
    })
    .filter((i): i is Incident => i !== null);
}

/** Reads an RSS 2.0 or Atom feed; `now` decides whether an entry without a status is still recent. */
export function parseSyndication(body: string, now: number): ParsedFeed {
  let root: XmlElement;
  try {
    root = parseXml(body);
  } catch (error) {
    if (error instanceof XmlError) throw new FeedError(userText('statusFeed.feed.badXml', { detail: error.message.slice(0, 200) }));
    throw error;
  }
  const name = localName(root);
  let format: ParsedFeed['format'];
  let incidents: Incident[];
  if (root.name === 'rss') {
    format = 'rss';
    incidents = readRss(root, now);
  } else if (name === 'feed') {
    format = 'atom';
    incidents = readAtom(root, now);
  } else {
    throw new FeedError(userText('statusFeed.feed.wrongRoot', { root: root.name.slice(0, 100) }));
  }
  return { format, incidents: incidents.sort(bySeverity).slice(0, MAX_INCIDENTS) };
}
