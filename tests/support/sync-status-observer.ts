import type WebSocket from 'ws';
import type { SyncStatus } from '../../shared/sync/contract';
import type { RunningWebShell } from './web-shell';
import { openBridge, signIn } from './web-shell-client';

/**
 * Main's sync status as a second signed-in window of the web shell reads it (`sync.getStatus`
 * over the bridge socket): what the status strip shows, plus whether a run is under way, which
 * the strip does not show. It only asks; it is no media engine and sends no commands that change anything.
 */
export class StatusObserver {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        t?: string;
        id?: number;
        ok?: boolean;
        result?: unknown;
        error?: { message: string };
      };
      if (message.t !== 'reply' || message.id === undefined) return;
      const pending = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.ok) pending?.resolve(message.result);
      else pending?.reject(new Error(message.error?.message ?? 'bridge command failed'));
    });
  }

  static async open(running: RunningWebShell): Promise<StatusObserver> {
    const cookie = await signIn(await running.launchUrl());
    return new StatusObserver(await openBridge(running.port, { cookie }));
  }

  status(): Promise<SyncStatus> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ t: 'command', id, channel: 'sync.getStatus', payload: {} }));
    });
  }

  close(): void {
    this.ws.close();
  }
}
