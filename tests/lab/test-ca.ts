import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A server certificate and its key, as PEM files. */
export interface ServerCertificate {
  certFile: string;
  keyFile: string;
}

/** One certificate authority of the lab: its PEM file (what a client trusts) and a server certificate it signed. */
export interface LabAuthority {
  caFile: string;
  server: ServerCertificate;
}

/**
 * Certificates for the TLS lab, made with openssl in a temporary folder:
 * `trusted` is the CA the app is told to trust (through the extraCaFile policy, as IT would),
 * `untrusted` a second CA nobody trusts, standing in for a server whose certificate the
 * machine cannot verify. Each signed a server certificate for 127.0.0.1 and localhost.
 * EC P-256 keys: about 0.05 s each on a busy two-core machine, where an RSA-2048 key took 0.3-0.9 s.
 */
export class TestCa {
  readonly trusted: LabAuthority;
  readonly untrusted: LabAuthority;

  private constructor(readonly dir: string) {
    this.trusted = makeAuthority(dir, 'trusted', 'Switchboard Lab Test CA');
    this.untrusted = makeAuthority(dir, 'untrusted', 'Switchboard Lab Untrusted CA');
  }

  static create(): TestCa {
    return new TestCa(mkdtempSync(path.join(os.tmpdir(), 'switchboard-test-ca-')));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function makeAuthority(dir: string, name: string, commonName: string): LabAuthority {
  const file = (suffix: string) => path.join(dir, `${name}-${suffix}`);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    `/CN=${commonName}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl('req', ...ec, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1');
  // Node checks the subjectAltName, not the CN: both names a lab client may use are in it.
  writeFileSync(
    file('server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n',
  );
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('server.pem'),
    '-days',
    '2',
    '-extfile',
    file('server.ext'),
  );
  return { caFile: file('ca.pem'), server: { certFile: file('server.pem'), keyFile: file('server.key') } };
}
