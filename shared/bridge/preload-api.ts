import type { CommandChannel } from './channels';
import type { MediaReplyEnvelope, ReplyBody } from './envelopes';

/**
 * What Electron's preload exposes to the renderer as `window.switchboard`.
 * Four functions, each checked in preload against the allow-list and again in
 * main against the schemas. No ipcRenderer, no Node, nothing else.
 */
export interface PreloadApi {
  invoke(channel: CommandChannel, payload: unknown): Promise<ReplyBody>;
  onEvent(listener: (channel: string, payload: unknown) => void): () => void;
  onMediaRequest(listener: (request: unknown) => void): () => void;
  replyMedia(reply: MediaReplyEnvelope): void;
}

/** The IPC channel names the preload and main use. Nothing else is sent or handled. */
export const IPC = {
  command: 'switchboard:command',
  event: 'switchboard:event',
  mediaRequest: 'switchboard:media-request',
  mediaReply: 'switchboard:media-reply',
} as const;
