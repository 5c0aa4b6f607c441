import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { ReplyBody } from '../../shared/bridge/envelopes';
import { IPC } from '../../shared/bridge/preload-api';
import type { BridgeServer, RendererLink } from '../bridge/bridge-server';
import type { Logger } from '../logging/logger';
import { isTrustedSender } from '../security/app-origin';

/**
 * Carries the bridge over Electron IPC. Only the two renderer → main channels
 * in `IPC` are handled, and only from the app window's top-level frame showing
 * app://switchboard (VS Code's validated-IPC pattern); anything else is refused.
 */
export function attachIpcTransport(win: BrowserWindow, bridge: BridgeServer, log: Logger): () => void {
  let link: { value: RendererLink; disconnect: () => void } | null = null;
  let loads = 0;

  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    const ok = isTrustedSender({
      frameUrl: frame?.url ?? null,
      isTopLevelFrame: frame !== null && frame.parent === null,
      fromAppWindow: !win.isDestroyed() && event.sender === win.webContents,
    });
    if (!ok) log.warn('refused IPC from an untrusted sender');
    return ok;
  };

  // A link lives for one page load: a reload fails pending media requests and the new page announces itself again.
  const currentLink = (): RendererLink => {
    if (!link) {
      const contents = win.webContents;
      const value: RendererLink = {
        id: `electron-${contents.id}-${++loads}`,
        sendEvent: (envelope) => {
          if (!contents.isDestroyed()) contents.send(IPC.event, envelope.channel, envelope.payload);
        },
        sendMedia: (envelope) => {
          if (contents.isDestroyed()) throw new Error('window closed');
          contents.send(IPC.mediaRequest, envelope);
        },
      };
      link = { value, disconnect: bridge.connect(value) };
    }
    return link.value;
  };
  const dropLink = (): void => {
    link?.disconnect();
    link = null;
  };

  ipcMain.handle(IPC.command, async (event, channel: unknown, payload: unknown): Promise<ReplyBody> => {
    if (!trusted(event)) return { ok: false, error: { code: 'forbidden', message: 'Refused: not sent by the Switchboard window' } };
    return bridge.handleCommand(currentLink(), channel, payload);
  });
  ipcMain.on(IPC.mediaReply, (event, reply: unknown) => {
    if (trusted(event)) bridge.handleMediaReply(currentLink(), reply);
  });

  win.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) dropLink();
  });
  win.webContents.on('render-process-gone', dropLink);
  win.on('closed', dropLink);

  return () => {
    dropLink();
    ipcMain.removeHandler(IPC.command);
    ipcMain.removeAllListeners(IPC.mediaReply);
  };
}
