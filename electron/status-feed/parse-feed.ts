import { userText } from '../../shared/text/user-text';
import { FeedError, type ParsedFeed } from './feed-model';
import { parseStatuspage } from './statuspage';
import { parseSyndication } from './syndication';

/**
 * A status feed's body, in whichever supported format it is: JSON is a Statuspage v2 document,
 * XML an RSS 2.0 or Atom feed. Told by the body, not the Content-Type (status pages behind a CDN
 * often send text/plain or application/octet-stream).
 */
export function parseFeed(body: string, now: number): ParsedFeed {
  const start = body.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{')) return parseStatuspage(start);
  if (start.startsWith('<')) return parseSyndication(start, now);
  if (start === '') throw new FeedError(userText('statusFeed.feed.empty'));
  throw new FeedError(userText('statusFeed.feed.unknownFormat'));
}
