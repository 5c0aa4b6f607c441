import { afterEach, describe, expect, it } from 'vitest';
import type { CommandChannel } from '../../../shared/bridge/channels';
import { errorBodySchema, type ReplyBody } from '../../../shared/bridge/envelopes';
import { BridgeError } from '../../../shared/bridge/errors';
import { userText } from '../../../shared/text/user-text';
import { BridgeClient, type Wire } from '../../../renderer/src/bridge/client';
import { i18n } from '../../../renderer/src/i18n';

/** A wire whose main answers every command with `error`. */
function refusingWire(error: BridgeError): Wire {
  return {
    host: 'web',
    sendCommand: (_channel: CommandChannel): Promise<ReplyBody> => Promise.resolve({ ok: false, error: error.toBody() }),
    sendMediaReply: () => undefined,
  };
}

describe('a failed command’s error, as the window shows it', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('is in the agent’s language, while the body on the wire keeps its English for logs', async () => {
    const refusal = new BridgeError('conflict', userText('store.error.tooManyImports'));
    expect(errorBodySchema.parse(refusal.toBody())).toEqual({
      code: 'conflict',
      message: 'Too many imports are open at once; finish or cancel one first',
      text: { key: 'store.error.tooManyImports' },
    });
    const client = new BridgeClient();
    client.attachWire(refusingWire(refusal));
    await i18n.changeLanguage('de');
    const error = await client.invoke('store.import.cancel', { importId: 'i1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).message).toBe(
      'Zu viele Importe sind gleichzeitig offen; schließen Sie zuerst einen ab oder brechen Sie ihn ab',
    );
    expect((error as BridgeError).text).toEqual({ key: 'store.error.tooManyImports' });
    expect((error as BridgeError).toBody().message).toBe('Too many imports are open at once; finish or cancel one first');
  });

  it('shows a plain-sentence error as main wrote it', async () => {
    const client = new BridgeClient();
    client.attachWire(refusingWire(new BridgeError('forbidden', 'Locked by IT')));
    await i18n.changeLanguage('de');
    await expect(client.invoke('store.import.cancel', { importId: 'i1' })).rejects.toMatchObject({ message: 'Locked by IT', text: null });
  });

  it('says in German when the window is not connected yet', async () => {
    await i18n.changeLanguage('de');
    await expect(new BridgeClient().invoke('store.status', {})).rejects.toMatchObject({
      code: 'unavailable',
      message: 'Noch nicht mit Switchboard verbunden',
    });
  });
});
