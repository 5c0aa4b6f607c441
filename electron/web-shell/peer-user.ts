import { readFile } from 'node:fs/promises';

/**
 * Which local user is on the other end of a loopback connection, where the OS says.
 *
 * The launch link is on the browser's command line, readable by every local user; one polling
 * /proc can race our own browser to it. On Linux the kernel lists every TCP socket with its
 * owner's uid (/proc/net/tcp, readable by all), so the host can refuse a connection that some
 * other user opened, before it spends a code or upgrades a socket. Elsewhere, or when the table
 * cannot be read or has no row for the connection (odd /proc emulations), the answer is
 * "unknown" and the cookie and code checks stand alone: only a positive "another user" refuses.
 */

export type PeerVerdict = 'same-user' | 'other-user' | 'unknown';

export interface PeerEnds {
  /** The client's port (our socket's remotePort). */
  remotePort?: number;
  /** Our listening port (our socket's localPort). */
  localPort?: number;
}

export interface PeerUserOptions {
  platform?: NodeJS.Platform;
  /** Our uid; default process.getuid(). */
  uid?: number | null;
  /** Reads one of /proc/net/tcp{,6}; tests pass a table. */
  readTable?: (file: string) => Promise<string>;
}

const TABLES = ['/proc/net/tcp', '/proc/net/tcp6'];
const ESTABLISHED = '01';

export function createPeerUserCheck(options: PeerUserOptions = {}): (ends: PeerEnds) => Promise<PeerVerdict> {
  const platform = options.platform ?? process.platform;
  const uid = options.uid !== undefined ? options.uid : typeof process.getuid === 'function' ? process.getuid() : null;
  const readTable = options.readTable ?? ((file: string) => readFile(file, 'utf8'));
  if (platform !== 'linux' || uid === null) return () => Promise.resolve('unknown');
  return async ({ remotePort, localPort }) => {
    if (remotePort === undefined || localPort === undefined) return 'unknown';
    for (const file of TABLES) {
      let table: string;
      try {
        table = await readTable(file);
      } catch {
        continue;
      }
      const owner = ownerOf(table, remotePort, localPort);
      if (owner !== null) return owner === uid ? 'same-user' : 'other-user';
    }
    return 'unknown';
  };
}

/**
 * The uid owning the established socket whose local port is `clientPort` and remote port
 * `serverPort`: the client's end of the connection. Ports are enough (the host listens on
 * 127.0.0.1 only); addresses are left alone because their hex is in host byte order.
 */
export function ownerOf(table: string, clientPort: number, serverPort: number): number | null {
  for (const line of table.split('\n').slice(1)) {
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid …
    const fields = line.trim().split(/\s+/);
    if (fields.length < 8 || fields[3] !== ESTABLISHED) continue;
    if (portOf(fields[1]) !== clientPort || portOf(fields[2]) !== serverPort) continue;
    const owner = Number(fields[7]);
    return Number.isInteger(owner) ? owner : null;
  }
  return null;
}

function portOf(address: string | undefined): number | null {
  const hex = address?.split(':')[1];
  return hex ? Number.parseInt(hex, 16) : null;
}
