import { describe, expect, it } from 'vitest';
import { createPeerUserCheck, ownerOf } from '../../../electron/web-shell/peer-user';

// /proc/net/tcp as Linux prints it: the host listens on 127.0.0.1:40000 (0x9C40); uid 1000 (us)
// is connected from port 50000 (0xC350), uid 1001 from port 50001 (0xC351); an old connection
// from port 50002 (0xC352) lingers in TIME_WAIT (06), owned by nobody.
const TABLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:9C40 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1071 1 0000000000000000 100 0 0 10 0
   1: 0100007F:C350 0100007F:9C40 01 00000000:00000000 00:00000000 00000000  1000        0 2001 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:9C40 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 2002 1 0000000000000000 20 4 30 10 -1
   3: 0100007F:C351 0100007F:9C40 01 00000000:00000000 00:00000000 00000000  1001        0 2003 1 0000000000000000 20 4 30 10 -1
   4: 0100007F:9C40 0100007F:C351 01 00000000:00000000 00:00000000 00000000  1000        0 2004 1 0000000000000000 20 4 30 10 -1
   5: 0100007F:C352 0100007F:9C40 06 00000000:00000000 03:00001374 00000000     0        0 0 3 0000000000000000
`;

describe('which local user opened a loopback connection', () => {
  it('reads the owner of the client end of the connection, not of our end', () => {
    expect(ownerOf(TABLE, 50000, 40000)).toBe(1000);
    expect(ownerOf(TABLE, 50001, 40000)).toBe(1001);
    expect(ownerOf(TABLE, 50002, 40000)).toBeNull();
    expect(ownerOf(TABLE, 50003, 40000)).toBeNull();
  });

  it('says other-user only on the kernel’s word; anything it cannot tell is unknown', async () => {
    const check = createPeerUserCheck({ platform: 'linux', uid: 1000, readTable: async (file) => (file === '/proc/net/tcp' ? TABLE : '') });
    await expect(check({ remotePort: 50000, localPort: 40000 })).resolves.toBe('same-user');
    await expect(check({ remotePort: 50001, localPort: 40000 })).resolves.toBe('other-user');
    await expect(check({ remotePort: 50003, localPort: 40000 })).resolves.toBe('unknown');
    await expect(check({})).resolves.toBe('unknown');

    const unreadable = createPeerUserCheck({ platform: 'linux', uid: 1000, readTable: () => Promise.reject(new Error('EACCES')) });
    await expect(unreadable({ remotePort: 50001, localPort: 40000 })).resolves.toBe('unknown');
    const windows = createPeerUserCheck({ platform: 'win32', uid: null, readTable: async () => TABLE });
    await expect(windows({ remotePort: 50001, localPort: 40000 })).resolves.toBe('unknown');
  });

  it('finds a connection made over IPv6 sockets to 127.0.0.1 in tcp6', async () => {
    const v6 = TABLE.split('\n')
      .slice(0, 1)
      .concat([
        '   0: 0000000000000000FFFF00000100007F:C351 0000000000000000FFFF00000100007F:9C40 01 00000000:00000000 00:00000000 00000000  1001        0 3001 1 0 20 4 30 10 -1',
      ])
      .join('\n');
    const check = createPeerUserCheck({ platform: 'linux', uid: 1000, readTable: async (file) => (file === '/proc/net/tcp6' ? v6 : '') });
    await expect(check({ remotePort: 50001, localPort: 40000 })).resolves.toBe('other-user');
  });
});
