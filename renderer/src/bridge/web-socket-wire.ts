import type { CommandChannel } from '../../../shared/bridge/channels';
import { serverEnvelope, type MediaReplyEnvelope, type ReplyBody } from '../../../shared/bridge/envelopes';
import { BridgeError } from '../../../shared/bridge/errors';
import { check } from '../../../shared/bridge/validate';
import { userText } from '../../../shared/text/user-text';
import { BRIDGE_CLOSE, BRIDGE_PATH, BRIDGE_PROTOCOL } from '../../../shared/bridge/web-socket';
import type { BridgeClient, Wire } from './client';

interface Pending {
  resolve: (reply: ReplyBody) => void;
}

/**
 * Carries the bridge over the web shell's WebSocket, reconnecting after a drop. The host lets the
 * socket in on this page's session cookie (HttpOnly, set when the launch link was opened), which
 * the browser sends by itself: the page holds no secret of its own.
 */
export function connectWebSocketWire(client: BridgeClient): Wire {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryMs = 250;
  let opened: Promise<void>;
  let markOpen: () => void = () => undefined;

  const resetOpened = (): void => {
    opened = new Promise<void>((resolve) => {
      markOpen = resolve;
    });
  };
  resetOpened();

  const open = (): void => {
    client.setConnectionState('connecting');
    const ws = new WebSocket(`ws://${window.location.host}${BRIDGE_PATH}`, [BRIDGE_PROTOCOL]);
    socket = ws;
    ws.addEventListener('open', () => {
      retryMs = 250;
      client.setConnectionState('open');
      markOpen();
    });
    ws.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(event.data);
      } catch {
        return;
      }
      const envelope = check(serverEnvelope, parsed);
      if (!envelope.ok) {
        console.warn('bridge: dropped malformed message from main', envelope.issues);
        return;
      }
      const message = envelope.value;
      switch (message.t) {
        case 'reply': {
          const waiting = pending.get(message.id);
          pending.delete(message.id);
          waiting?.resolve(message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error });
          break;
        }
        case 'event':
          client.deliverEvent(message.channel, message.payload);
          break;
        case 'media':
          void client.deliverMediaRequest(message);
          break;
        case 'error':
          console.warn('bridge: main refused a message', message.error);
          break;
      }
    });
    ws.addEventListener('close', (event: CloseEvent) => {
      socket = null;
      // The host's own reasons (too many windows, this one fell behind) are worth a line in the console.
      if (event.code === BRIDGE_CLOSE.tooManyConnections || event.code === BRIDGE_CLOSE.tooFarBehind) {
        console.warn(`bridge: Switchboard closed the connection (${event.code}): ${event.reason}`);
      }
      client.setConnectionState('closed');
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.resolve({ ok: false, error: new BridgeError('disconnected', userText('bridge.connection.lost')).toBody() });
      }
      resetOpened();
      setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    });
  };
  open();

  return {
    host: 'web',
    async sendCommand(channel: CommandChannel, payload: unknown): Promise<ReplyBody> {
      await opened;
      const id = nextId++;
      return new Promise<ReplyBody>((resolve) => {
        pending.set(id, { resolve });
        socket?.send(JSON.stringify({ t: 'command', id, channel, payload }));
      });
    },
    sendMediaReply(reply: MediaReplyEnvelope): void {
      socket?.send(JSON.stringify(reply));
    },
  };
}
