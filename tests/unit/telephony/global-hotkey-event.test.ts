import { afterEach, describe, expect, it } from 'vitest';
import type { CommandChannel } from '../../../shared/bridge/channels';
import type { Call } from '../../../shared/telephony/model';
import { BridgeClient, type Wire } from '../../../renderer/src/bridge/client';
import { bindTelephony, useTelephony } from '../../../renderer/src/features/telephony/telephony-state';

/** The renderer's bridge over a wire that records the commands it sends (their answers never come). */
function recordingClient() {
  const sent: { channel: CommandChannel; payload: unknown }[] = [];
  const wire: Wire = {
    host: 'electron',
    sendCommand(channel, payload) {
      sent.push({ channel, payload });
      return new Promise(() => undefined);
    },
    sendMediaReply() {},
  };
  const client = new BridgeClient();
  client.attachWire(wire);
  client.setConnectionState('open');
  return { client, sent };
}

/** Only what the phone's rules read of a call. */
function call(id: string, status: Call['status'], extra: Partial<Call> = {}): Call {
  return {
    id,
    direction: 'inbound',
    status,
    remote: { number: '2001', displayName: null },
    muted: false,
    holdPending: null,
    remoteHold: false,
    waiting: false,
    consultFor: null,
    transfer: null,
    ...extra,
  } as Call;
}

describe('a global hotkey pressed in another application (telephony.hotkey)', () => {
  let unbind: (() => void) | null = null;
  afterEach(() => {
    unbind?.();
    useTelephony.setState({ calls: [] });
  });

  it('does what the window shortcut does, on the same call', () => {
    const { client, sent } = recordingClient();
    unbind = bindTelephony(client);
    useTelephony.setState({ calls: [call('ring-1', 'ringing-in')] });
    client.deliverEvent('telephony.hotkey', { action: 'answer' });
    useTelephony.setState({ calls: [call('up-1', 'active')] });
    client.deliverEvent('telephony.hotkey', { action: 'mute' });
    client.deliverEvent('telephony.hotkey', { action: 'hold' });
    client.deliverEvent('telephony.hotkey', { action: 'hangUp' });
    const calls = sent.filter((s) => s.channel !== 'telephony.getState');
    expect(calls).toEqual([
      { channel: 'telephony.answer', payload: { callId: 'ring-1' } },
      { channel: 'telephony.mute', payload: { callId: 'up-1', muted: true } },
      { channel: 'telephony.hold', payload: { callId: 'up-1' } },
      { channel: 'telephony.hangup', payload: { callId: 'up-1' } },
    ]);
  });

  it('with no call, a key does nothing', () => {
    const { client, sent } = recordingClient();
    unbind = bindTelephony(client);
    for (const action of ['answer', 'hangUp', 'mute', 'hold'] as const) client.deliverEvent('telephony.hotkey', { action });
    expect(sent.filter((s) => s.channel !== 'telephony.getState')).toEqual([]);
  });
});
