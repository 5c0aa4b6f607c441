/**
 * `next`, with every part that equals the same part of `prev` replaced by `prev`'s own object.
 * Main sends the agent's whole view on every change (a ring, a lookup, a timeline), freshly parsed:
 * kept this way, a component that selects a part that did not change gets the same object back and
 * is not rendered again, so a ring renders the customer pane and the status, not the whole desk.
 * `next` is the caller's own (a parsed message): its objects are reused, not copied.
 */
export function keepUnchanged<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return next;
  if (typeof prev !== 'object' || prev === null || typeof next !== 'object' || next === null) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    let same = prev.length === next.length;
    for (let i = 0; i < next.length; i += 1) {
      const kept: unknown = keepUnchanged(prev[i], next[i]);
      if (kept !== prev[i]) same = false;
      next[i] = kept;
    }
    return same ? (prev as T) : next;
  }
  if (Array.isArray(prev)) return next;
  const before = prev as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  let same = true;
  let count = 0;
  for (const key of Object.keys(after)) {
    count += 1;
    const kept = keepUnchanged(before[key], after[key]);
    if (kept !== before[key] || !(key in before)) same = false;
    after[key] = kept;
  }
  return same && count === Object.keys(before).length ? (prev as T) : next;
}
