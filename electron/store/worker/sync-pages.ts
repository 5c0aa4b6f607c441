import { changePageEnvelope, type ChangePageEnvelope } from '../../../shared/sync/api';
import { MAX_HELD_PAGES, MAX_PAGE_BYTES, formatByteLimit } from '../../../shared/sync/limits';
import { StoreError } from '../errors';
import type { PageDecodeResult, PageKind } from '../protocol';
import { issueEnglish } from '../../../shared/policy/rule-text';

/**
 * Sync API change pages arrive on main as raw bytes and are parsed here, on
 * the writer thread: parsing a page and copying its rows to this thread were
 * main's longest stalls during an initial sync (docs/performance.md, "Store:
 * main's side of a sync"). Main forwards the bytes, gets back what it needs
 * to ask for the next page (cursor, more?), and then asks for the held page
 * to be stored. How many pages are held, and how large one may be:
 * shared/sync/limits.ts.
 */

interface HeldPage {
  kind: PageKind;
  page: ChangePageEnvelope;
}

export interface SyncPages {
  decode(kind: PageKind, body: Uint8Array): PageDecodeResult;
  /** Hands over a held page once; a page never stored is dropped after MAX_HELD_PAGES newer ones. */
  take(pageId: number): HeldPage;
}

export function createSyncPages(): SyncPages {
  const held = new Map<number, HeldPage>();
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let next = 1;

  return {
    decode(kind, body) {
      if (kind !== 'customers' && kind !== 'cases') throw new StoreError('invalid-input', 'A sync page is of customers or cases');
      if (!(body instanceof Uint8Array) || body.byteLength > MAX_PAGE_BYTES)
        throw new StoreError('invalid-input', `A sync page is its body as bytes, at most ${formatByteLimit(MAX_PAGE_BYTES)}`);
      let json: unknown;
      try {
        json = JSON.parse(utf8.decode(body));
      } catch {
        return { ok: false, code: 'bad-json', detail: 'not JSON' };
      }
      const parsed = changePageEnvelope.safeParse(json);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        return { ok: false, code: 'bad-shape', detail: first ? issueEnglish(first) : 'shape' };
      }
      const page = parsed.data;
      const pageId = next;
      next += 1;
      held.set(pageId, { kind, page });
      for (const id of held.keys()) {
        if (held.size <= MAX_HELD_PAGES) break;
        held.delete(id);
      }
      return {
        ok: true,
        pageId,
        nextCursor: page.nextCursor,
        hasMore: page.hasMore,
        total: page.total ?? null,
        items: page.items.length,
        deleted: page.deleted.length,
      };
    },

    take(pageId) {
      const page = held.get(pageId);
      if (!page) throw new StoreError('not-found', 'That sync page is no longer held by the store; it is fetched again');
      held.delete(pageId);
      return page;
    },
  };
}
