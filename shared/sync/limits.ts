/**
 * What a sync server can make Switchboard download, hold in memory and loop through in one pull:
 * the client's limits, in one place (docs/sync-api.md, "Limits"). A server that keeps to the
 * documented page (1,000 rows by default, at most 5,000; ~400 kB of JSON for 1,000 cases) never
 * meets them. A broken or hostile one meets them instead of making the app loop forever or run
 * out of memory.
 *
 * The main-side sync engine (electron/sync) and the store's writer thread, which parses pages
 * (electron/store/worker/sync-pages.ts), both read them from here.
 */

/**
 * Largest change page read from a server, in bytes of its body. The body is read as a stream
 * and the connection cut once it passes this (a declared Content-Length over it is refused
 * before reading), so a server cannot make main buffer more. 16 MiB is 40 times a documented
 * 1,000-case page and 8 times a page of 5,000; a page of unusually large records is asked for
 * again with fewer rows (MIN_PAGE_ROWS) rather than refused.
 */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;

/**
 * A page over MAX_PAGE_BYTES is asked for again with half the rows, down to this many. The
 * largest record the store takes is a case with a 100,000-character description (at most
 * ~600 kB as escaped JSON), so ten of anything fit in a page: a server still over the limit at
 * ten rows is not honouring `limit`, and the pull stops with an error saying so.
 */
export const MIN_PAGE_ROWS = 10;

/**
 * Pages of one feed in one pull. A feed whose server still says "more" after this many pages is
 * left there for this pull: what arrived is committed with its cursor, the sync status says so,
 * and the next pull (a minute later) goes on from that cursor. 10,000 pages of 1,000 rows is
 * 10 million changes, ten times the largest store measured here (1M cases, npm run bench:store,
 * ~20 ms a page): only a server that lists changes without end reaches it, and it then costs
 * each pull a bounded few minutes instead of forever.
 */
export const MAX_PAGES_PER_FEED = 10_000;

/**
 * Parsed pages the store's writer holds between `decodePage` and `storePage` (a page being stored
 * is no longer held). The pull engine asks for the next page while the writer stores the current
 * one, so it never has more than one waiting; the second place is for a page a pull left behind
 * when it failed between the two calls, dropped once a newer one arrives. So between fetch and
 * commit at most four pages exist at once: the one downloading on main, the one being stored and
 * two waiting on the writer, at most 4 × MAX_PAGE_BYTES of JSON plus their parsed rows.
 */
export const MAX_HELD_PAGES = 2;

/** "16 MiB", "64 KiB": a byte limit as people read it in an error. */
export function formatByteLimit(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
