import { afterEach, describe, expect, it } from 'vitest';
import { FeedError } from '../../../electron/status-feed/feed-model';
import { parseFeed } from '../../../electron/status-feed/parse-feed';
import { statusFeedViewSchema } from '../../../shared/status-feed/contract';
import { i18n, translateUserText } from '../../../renderer/src/i18n';

function refusal(body: string): FeedError {
  try {
    parseFeed(body, 0);
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
  throw new Error('the feed was accepted');
}

describe('the outage banner says why the feed is unavailable in the agent’s language', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('shows a broken feed’s reason in German after crossing the bridge, and in English again', async () => {
    const error = refusal('<html><body>Maintenance</body></html>');
    const view = statusFeedViewSchema.parse({ state: 'unavailable', incidents: [], lastGoodAt: null, problem: error.text });
    expect(error.message).toBe("The feed's XML root is <html>: expected RSS 2.0 (<rss>) or Atom (<feed>)");
    await i18n.changeLanguage('de');
    expect(translateUserText(view.problem!)).toBe(
      'Das XML-Wurzelelement des Feeds ist <html>: erwartet wird RSS 2.0 (<rss>) oder Atom (<feed>)',
    );
    await i18n.changeLanguage('en');
    expect(translateUserText(view.problem!)).toBe(error.message);
  });

  it('refuses a reason that is a sentence instead of a message key', () => {
    const view = { state: 'unavailable', incidents: [], lastGoodAt: null, problem: 'feed.example.com answered HTTP 500' };
    expect(statusFeedViewSchema.safeParse(view).success).toBe(false);
  });
});
