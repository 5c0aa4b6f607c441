import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The HTTP listener of a local stand-in for a real service (the Sync API's reference server, the
 * CRM emulators): it keeps its port across a stop and a start, and a stop cuts every open
 * connection at once, as a crashed or unplugged server does, so the app sees what it would see.
 */
export class StandInListener {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly handler: (req: IncomingMessage, res: ServerResponse) => void,
    private readonly host: string,
    /** 0: the OS picks one at the first start, kept after it. */
    public port: number,
    private readonly keepAliveMs: number,
  ) {}

  get running(): boolean {
    return this.server !== null;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const created = createServer({ keepAliveTimeout: this.keepAliveMs }, this.handler);
    created.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      created.once('error', reject);
      created.listen(this.port, this.host, () => {
        created.off('error', reject);
        resolve();
      });
    });
    this.port = (created.address() as AddressInfo).port;
    this.server = created;
  }

  async stop(): Promise<void> {
    const current = this.server;
    this.server = null;
    if (!current) return;
    const closed = new Promise<void>((resolve) => current.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }
}
