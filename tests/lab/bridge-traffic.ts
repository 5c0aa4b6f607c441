import type { Page, WebSocket as PageWebSocket } from 'playwright-core';
import { BRIDGE_PATH } from '../../shared/bridge/web-socket';

/** renderer → main: commands and media replies; main → renderer: replies, events, media requests, protocol errors. */
export type BridgeDirection = 'to-main' | 'to-renderer';
export type BridgeMessageKind = 'command' | 'reply' | 'event' | 'media' | 'media-reply' | 'error' | 'unknown';

export interface BridgeMessage {
  /** Date.now() when the test process heard of the frame. */
  at: number;
  direction: BridgeDirection;
  kind: BridgeMessageKind;
  /** The command, event or media method; a reply carries its request's. */
  channel: string;
  bytes: number;
  /** An event's payload (as sent), for tests that wait on what main said. */
  payload?: unknown;
}

export interface ChannelCount {
  channel: string;
  toMain: number;
  toRenderer: number;
  total: number;
  bytes: number;
}

/**
 * Counts the bridge's messages on the wire: every text frame of the renderer's `/bridge`
 * WebSocket in Chromium, both directions, as Playwright sees them (Chrome DevTools Protocol
 * network events). Nothing in the app is changed or wrapped. A reply or media reply is filed
 * under the channel of the request it answers (ids are per socket). WebSocket ping/pong control
 * frames (the host's 15 s heartbeat) carry no bridge message and are not reported by Chromium.
 *
 * Attach before the page opens its socket (LabApp.openPage's `beforeNavigate`); a socket opened
 * later (a reconnect) is followed too.
 */
export class BridgeTraffic {
  readonly messages: BridgeMessage[] = [];
  private lastAt = Date.now();

  attach(page: Page): void {
    page.on('websocket', (ws) => {
      if (new URL(ws.url()).pathname === BRIDGE_PATH) this.follow(ws);
    });
  }

  private follow(ws: PageWebSocket): void {
    const commands = new Map<number, string>();
    const mediaRequests = new Map<number, string>();
    const record = (direction: BridgeDirection, payload: string | Buffer) => {
      const text = typeof payload === 'string' ? payload : payload.toString('utf8');
      const message = parse(text);
      let channel = message.channel ?? '(none)';
      if (message.kind === 'command' && message.id !== null) commands.set(message.id, channel);
      if (message.kind === 'media' && message.id !== null) mediaRequests.set(message.id, channel);
      if (message.kind === 'reply' && message.id !== null) channel = commands.get(message.id) ?? '(unmatched reply)';
      if (message.kind === 'media-reply' && message.id !== null) channel = mediaRequests.get(message.id) ?? '(unmatched media reply)';
      this.lastAt = Date.now();
      this.messages.push({
        at: this.lastAt,
        direction,
        kind: message.kind,
        channel,
        bytes: Buffer.byteLength(text),
        ...(message.kind === 'event' ? { payload: message.payload } : {}),
      });
    };
    ws.on('framesent', ({ payload }) => record('to-main', payload));
    ws.on('framereceived', ({ payload }) => record('to-renderer', payload));
  }

  /** The index of the next message: pass it to `since` to look at what crossed after this point. */
  mark(): number {
    return this.messages.length;
  }

  since(mark: number): BridgeMessage[] {
    return this.messages.slice(mark);
  }

  /** Waits until no message has crossed for `quietMs` (at most `timeoutMs`). */
  async quiet(quietMs: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() - this.lastAt < quietMs) {
      if (Date.now() > deadline) throw new Error(`the bridge did not go quiet for ${quietMs} ms within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Per channel, both directions (a command and its reply, a media request and its reply, share a row); busiest first. */
export function countByChannel(messages: readonly BridgeMessage[]): ChannelCount[] {
  const rows = new Map<string, ChannelCount>();
  for (const m of messages) {
    const row = rows.get(m.channel) ?? { channel: m.channel, toMain: 0, toRenderer: 0, total: 0, bytes: 0 };
    if (m.direction === 'to-main') row.toMain++;
    else row.toRenderer++;
    row.total++;
    row.bytes += m.bytes;
    rows.set(m.channel, row);
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || a.channel.localeCompare(b.channel));
}

/** Messages per kind (command, reply, event, media, media-reply, error). */
export function countByKind(messages: readonly BridgeMessage[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of messages) out[m.kind] = (out[m.kind] ?? 0) + 1;
  return out;
}

/** A fixed-width table of `countByChannel`, with a total line, for a test's console output. */
export function formatTraffic(messages: readonly BridgeMessage[]): string {
  const rows = countByChannel(messages);
  const width = Math.max(8, ...rows.map((r) => r.channel.length));
  const line = (c: string, a: string, b: string, t: string, bytes: string) =>
    `${c.padEnd(width)}  ${a.padStart(7)}  ${b.padStart(11)}  ${t.padStart(5)}  ${bytes.padStart(7)}`;
  const sum = (f: (r: ChannelCount) => number) => String(rows.reduce((n, r) => n + f(r), 0));
  return [
    line('channel', '→ main', '→ renderer', 'total', 'bytes'),
    ...rows.map((r) => line(r.channel, String(r.toMain), String(r.toRenderer), String(r.total), String(r.bytes))),
    line(
      'TOTAL',
      sum((r) => r.toMain),
      sum((r) => r.toRenderer),
      sum((r) => r.total),
      sum((r) => r.bytes),
    ),
  ].join('\n');
}

function parse(text: string): { kind: BridgeMessageKind; channel: string | null; id: number | null; payload: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'unknown', channel: '(not JSON)', id: null, payload: undefined };
  }
  const m = (typeof value === 'object' && value !== null ? value : {}) as {
    t?: unknown;
    id?: unknown;
    channel?: unknown;
    method?: unknown;
    payload?: unknown;
  };
  const kinds: readonly string[] = ['command', 'reply', 'event', 'media', 'media-reply', 'error'];
  const kind = typeof m.t === 'string' && kinds.includes(m.t) ? (m.t as BridgeMessageKind) : 'unknown';
  const channel =
    typeof m.channel === 'string' ? m.channel : typeof m.method === 'string' ? m.method : kind === 'error' ? '(protocol error)' : null;
  return { kind, channel, id: typeof m.id === 'number' ? m.id : null, payload: m.payload };
}
