import type { PulledCase, PulledCustomer } from '../../shared/store/types';
import type { UpsertOptions, UpsertReport } from './protocol';

/** Rows per message to the writer for big sync batches. */
export const UPSERT_SLICE = 1000;
/** The writer's own limit per batch; larger ones go as one message and are refused there. */
const MAX_UPSERT_BATCH = 50_000;

/**
 * Sends a pulled batch to the writer. Copying a big batch to another thread (structured clone)
 * runs on main and held it visibly long (docs/performance.md, "Store: main's side of a sync"),
 * so batches over UPSERT_SLICE rows go as slices, one per turn of the event loop. The writer takes
 * them in order (it commits in 500-row chunks either way) and the cursor goes with the last slice,
 * so it still commits with the last rows. The answer is the batch's, as if it had gone whole.
 */
export async function upsertInSlices<R extends PulledCustomer | PulledCase>(
  post: (args: [rows: R[], options?: UpsertOptions]) => Promise<UpsertReport>,
  [rows, options = {}]: [rows: R[], options?: UpsertOptions],
): Promise<UpsertReport> {
  if (!Array.isArray(rows) || rows.length <= UPSERT_SLICE || rows.length > MAX_UPSERT_BATCH) return post([rows, options]);
  const { cursor, ...rest } = options;
  const pending: Promise<UpsertReport>[] = [];
  for (let start = 0; start < rows.length; start += UPSERT_SLICE) {
    const last = start + UPSERT_SLICE >= rows.length;
    const slice = rows.slice(start, start + UPSERT_SLICE);
    const sliceOptions: UpsertOptions = last && cursor !== undefined ? { ...rest, cursor } : rest;
    const offset = start;
    const sent = post([slice, sliceOptions]).then((report) => ({
      ...report,
      rejected: report.rejected.map((r) => ({ ...r, index: r.index + offset })),
    }));
    // Handled by Promise.all below; this keeps a slice that fails early from counting as unhandled meanwhile.
    sent.catch(() => undefined);
    pending.push(sent);
    if (!last) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const reports = await Promise.all(pending);
  return {
    inserted: reports.reduce((n, r) => n + r.inserted, 0),
    updated: reports.reduce((n, r) => n + r.updated, 0),
    unchanged: reports.reduce((n, r) => n + r.unchanged, 0),
    skippedDirty: reports.flatMap((r) => r.skippedDirty),
    rejected: reports.flatMap((r) => r.rejected),
  };
}
