import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isCommandChannel, type CommandChannel } from '../shared/bridge/channels';
import type { MediaReplyEnvelope, ReplyBody } from '../shared/bridge/envelopes';
import { IPC, type PreloadApi } from '../shared/bridge/preload-api';

// Sandboxed preload: exposes four functions and no Electron or Node object.
// Channels are checked here against the allow-list and again, with schemas, in main.
const api: PreloadApi = {
  invoke(channel: CommandChannel, payload: unknown): Promise<ReplyBody> {
    if (!isCommandChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown-channel', message: `Unknown command channel: ${String(channel).slice(0, 100)}` },
      });
    }
    return ipcRenderer.invoke(IPC.command, channel, payload) as Promise<ReplyBody>;
  },
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, channel: unknown, payload: unknown): void => listener(String(channel), payload);
    ipcRenderer.on(IPC.event, handler);
    return () => ipcRenderer.removeListener(IPC.event, handler);
  },
  onMediaRequest(listener) {
    const handler = (_event: IpcRendererEvent, request: unknown): void => listener(request);
    ipcRenderer.on(IPC.mediaRequest, handler);
    return () => ipcRenderer.removeListener(IPC.mediaRequest, handler);
  },
  replyMedia(reply: MediaReplyEnvelope): void {
    ipcRenderer.send(IPC.mediaReply, reply);
  },
};

contextBridge.exposeInMainWorld('switchboard', api);
