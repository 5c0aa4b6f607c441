// What bench:screenpop (scripts/bench-screenpop.ts) runs in the page, as source text (tsx's helpers
// must not leak into it), and how it reads the page's and main's marks into one pop's stages.
// Nothing here is part of the app: the page's marks come from wrapping the page's WebSocket.

/**
 * Installed before the app's scripts: every bridge message the app's socket receives is noted with
 * the time its handler started and returned, and what it was (an event's channel, a media method).
 * The handler's own work is the app's; the note is taken after it returns.
 */
export const WIRE_MARKS = `(() => {
  const marks = [];
  window.__sbWireMarks = marks;
  const now = () => performance.timeOrigin + performance.now();
  const add = WebSocket.prototype.addEventListener;
  WebSocket.prototype.addEventListener = function (type, listener, options) {
    if (type !== 'message' || typeof listener !== 'function') return add.call(this, type, listener, options);
    return add.call(this, type, function (event) {
      const at = now();
      try {
        return listener.call(this, event);
      } finally {
        const done = now();
        const head = typeof event.data === 'string' ? event.data.slice(0, 160) : '';
        const m = /"(?:channel|method)":"([\\w.]+)"/.exec(head);
        marks.push({ at, done, kind: m ? m[1] : (/^\\{"t":"(\\w+)"/.exec(head) || [])[1] || '?', bytes: typeof event.data === 'string' ? event.data.length : 0 });
        if (marks.length > 500) marks.splice(0, 250);
      }
    }, options);
  };
})()`;

/** A bridge message as the page received it (WIRE_MARKS). */
export interface WireMark {
  at: number;
  done: number;
  kind: string;
  bytes: number;
}

/** One pop as the page saw it. Times are wall-clock ms (`performance.timeOrigin + now()`), like main's marks. */
export interface PagePop {
  receivedAt: number;
  /** The customer's card was in the DOM (the MutationObserver's callback, in the commit's task). */
  seenAt: number;
  /** The next frame's requestAnimationFrame, and a task queued from it: the frame with the card was drawn by then. */
  rafAt: number;
  paintedAt: number;
  wire: WireMark[];
}

/**
 * Resolves when a customer card for a new offer (its INVITE time differs from `prev`) is in the
 * DOM, and then once the frame that shows it is drawn.
 */
export const WATCH_POP = `(prev) => new Promise((resolve, reject) => {
  const now = () => performance.timeOrigin + performance.now();
  const painted = (receivedAt, seenAt) => requestAnimationFrame(() => {
    const rafAt = now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const marks = window.__sbWireMarks || [];
      resolve({ receivedAt, seenAt, rafAt, paintedAt: now(), wire: marks.splice(0).filter((m) => m.at >= receivedAt - 50) });
    };
    channel.port2.postMessage(0);
  });
  const check = () => {
    const card = document.querySelector('[aria-label="Customer"] [data-pop-received-at]');
    const at = card && card.dataset.popReceivedAt;
    if (card && at && at !== prev && card.textContent.includes('Ada Lovelace')) {
      painted(Number(at), now());
      return true;
    }
    return false;
  };
  if (check()) return;
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-pop-received-at'] });
  setTimeout(() => { observer.disconnect(); reject(new Error('no screen pop within 10 s')); }, 10000);
})`;

/**
 * The machine's floor in the page: an empty frame (requestAnimationFrame to the next one, nothing
 * to draw), and a bridge round trip with an empty message (`app.getInfo` with `{}`, answered from
 * memory) over a socket of its own, opened and closed around the samples.
 */
export const PAGE_FLOORS = `async (samples) => {
  const now = () => performance.now();
  const frames = [];
  let last = await new Promise((resolve) => requestAnimationFrame(resolve));
  for (let i = 0; i < samples; i += 1) {
    const next = await new Promise((resolve) => requestAnimationFrame(resolve));
    frames.push(next - last);
    last = next;
  }
  const ws = new WebSocket('ws://' + location.host + '/bridge', ['switchboard.v1']);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('bridge socket refused')); });
  const waiting = new Map();
  ws.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.t === 'reply') waiting.get(message.id)?.();
  };
  const once = (id) => new Promise((resolve) => {
    waiting.set(id, resolve);
    ws.send(JSON.stringify({ t: 'command', id, channel: 'app.getInfo', payload: {} }));
  });
  for (let i = 1; i <= 20; i += 1) await once(i);
  const trips = [];
  for (let i = 0; i < samples; i += 1) {
    const start = now();
    await once(100 + i);
    trips.push(now() - start);
  }
  ws.close();
  return { frames, trips };
}`;

/** Main's line for one pop (electron/agent/pop-timing.ts). */
export interface MainPop {
  callId: string;
  receivedAt: number;
  marks: { offered?: number; lookupStart?: number; lookupDone?: number; viewBuilt?: number; viewSent?: number };
}

/** Main's pop lines in the web shell's stderr. */
export function mainPopsOf(stderr: string): MainPop[] {
  const pops: MainPop[] = [];
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{"popTiming"')) continue;
    try {
      pops.push((JSON.parse(line) as { popTiming: MainPop }).popTiming);
    } catch {
      // a line cut by the end of the run
    }
  }
  return pops;
}

/** The stages of one pop, in ms, in the order they happen; the figure is their sum up to `commit`. */
export const STAGES = [
  ['offer', 'offer handling in main (INVITE taken in → store asked)'],
  ['lookup', 'store lookup (main → store thread → main)'],
  ['viewOut', 'view out of main (build, check, send)'],
  ['hop', 'bridge hop (main sent → page handler starts)'],
  ['handle', 'page: parse, check, store the view'],
  ['commit', 'React render + commit (→ card in the DOM)'],
  ['paint', 'to the drawn frame (after the figure)'],
] as const;

export type Stage = (typeof STAGES)[number][0];

export interface PopBreakdown {
  stages: Record<Stage, number>;
  /** Page time spent in other bridge messages' handlers between the INVITE and the pop's view, by kind. */
  before: Record<string, number>;
}

/**
 * One pop's stages from main's marks and the page's. The pop's view is the first `agent.view`
 * the page handled after main built it. Null when main's line or the view's mark is missing.
 */
export function breakdownOf(page: PagePop, main: MainPop | undefined): PopBreakdown | null {
  const m = main?.marks;
  if (!m || m.lookupStart === undefined || m.lookupDone === undefined || m.viewBuilt === undefined || m.viewSent === undefined) return null;
  const built = m.viewBuilt;
  const view = page.wire.find((w) => w.kind === 'agent.view' && w.at >= built);
  if (!view) return null;
  // Main marks the send once the bridge's emit returns; on a loaded machine main can lose the CPU
  // between the socket write and that mark, so the page may hold the message before it.
  const sent = Math.min(m.viewSent, view.at);
  const before: Record<string, number> = {};
  for (const w of page.wire) {
    if (w === view || w.at >= view.at || w.at < page.receivedAt) continue;
    before[w.kind] = (before[w.kind] ?? 0) + (w.done - w.at);
  }
  return {
    stages: {
      offer: m.lookupStart - page.receivedAt,
      lookup: m.lookupDone - m.lookupStart,
      viewOut: sent - m.lookupDone,
      hop: view.at - sent,
      handle: view.done - view.at,
      commit: page.seenAt - view.done,
      paint: page.paintedAt - page.seenAt,
    },
    before,
  };
}
