import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { buildPolicyState } from '../../../electron/policy/policy-service';
import { buildTrustStore } from '../../../electron/security/trust-store';
import { createHttpTransport } from '../../../electron/sync/http-client';
import { WsTransport } from '../../../electron/telephony/ws-transport';
import type { PolicySourceReading } from '../../../shared/policy/resolve';
import { englishOf } from '../../../shared/text/user-text';
import { openSettings } from '../../support/settings';

/**
 * A server signed by a CA of its own (as a corporate CA is): refused with Node's bundled CAs,
 * accepted once the `extraCaFile` policy names the CA, over real TLS on 127.0.0.1.
 */

let dir = '';
let caFile = '';
let caPem = '';
let serverKey = '';
let serverCert = '';

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sb-corp-ca-'));
  // A CA and a server certificate for 127.0.0.1 signed by it; EC keys keep this fast on a small machine.
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=Switchboard Test Corporate CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=127.0.0.1',
  );
  writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'server.ext',
  );
  caFile = path.join(dir, 'ca.pem');
  caPem = readFileSync(caFile, 'utf8');
  serverKey = readFileSync(path.join(dir, 'server.key'), 'utf8');
  serverCert = readFileSync(path.join(dir, 'server.pem'), 'utf8');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reading = (enforced: Record<string, unknown>): PolicySourceReading => ({
  source: '/etc/switchboard/policy.json',
  defaults: {},
  enforced,
  problems: [],
});
/** The policy state as the hosts build it, on a runtime without a system store (Node 20), so only the file counts. */
const policyWith = (extraCaFile: string | null) =>
  buildPolicyState(openSettings(dir, [reading(extraCaFile ? { extraCaFile } : {})]), { getCACertificates: null });

let server: Server | null = null;
let wss: WebSocketServer | null = null;
let transport: WsTransport | null = null;

afterEach(async () => {
  await transport?.dispose();
  transport = null;
  for (const client of wss?.clients ?? []) client.terminate();
  wss?.close();
  wss = null;
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function listen(): Promise<number> {
  server = createServer({ key: serverKey, cert: serverCert }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  wss = new WebSocketServer({ server, handleProtocols: (p) => (p.has('sip') ? 'sip' : false) });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

const GET = { method: 'GET' as const, headers: {}, timeoutMs: 5_000, maxBytes: 64 * 1024 };

describe('sync over https with a corporate CA', () => {
  it('without the CA the certificate is refused, in words that say so', async () => {
    const port = await listen();
    const http = createHttpTransport({ ca: policyWith(null).trust.ca });
    try {
      await expect(http.send(new URL(`https://127.0.0.1:${port}/v1/health`), GET)).rejects.toMatchObject({
        kind: 'network',
        message: `The secure connection to 127.0.0.1:${port} failed: its certificate was not accepted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)`,
      });
    } finally {
      http.close();
    }
  });

  it('with the CA file in the policy the request goes through', async () => {
    const port = await listen();
    const policy = policyWith(caFile);
    expect(policy.effective.problems).toEqual([]);
    expect(policy.trust.counts.extra).toBe(1);
    const http = createHttpTransport({ ca: policy.trust.ca });
    try {
      const response = await http.send(new URL(`https://127.0.0.1:${port}/v1/health`), GET);
      expect(response.status).toBe(200);
      expect(response.body.toString('utf8')).toBe('{"status":"ok"}');
    } finally {
      http.close();
    }
  });
});

describe('SIP over wss:// with a corporate CA', () => {
  function make(port: number, ca: readonly string[] | undefined) {
    const memory = createMemorySink();
    transport = new WsTransport(undefined, {
      server: () => `wss://127.0.0.1:${port}`,
      connectionTimeoutMs: 5_000,
      keepAliveIntervalMs: 60_000,
      keepAliveTimeoutMs: 1_000,
      log: createLogger(memory.sink, { level: 'debug' }),
      ca,
    });
    return { t: transport, logs: memory.records };
  }

  it('without the CA the connection fails and the log names the certificate problem', async () => {
    const port = await listen();
    const { t, logs } = make(port, policyWith(null).trust.ca);
    await expect(t.connect()).rejects.toThrow();
    expect(t.isConnected()).toBe(false);
    // What the registration shows the agent instead of "Server unreachable".
    expect(t.certificateProblem).toBe('untrusted');
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining('SIP server certificate not accepted') as unknown,
        fields: expect.objectContaining({ server: `127.0.0.1:${port}`, error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }) as unknown,
      }),
    );
  });

  it('with the CA file in the policy it connects with the sip subprotocol', async () => {
    const port = await listen();
    const { t } = make(port, policyWith(caFile).trust.ca);
    await t.connect();
    expect(t.isConnected()).toBe(true);
    expect(t.protocol).toBe('WSS');
    expect(t.certificateProblem).toBeNull();
  });

  it('a CA from the system store (where the runtime has one) is trusted without any file', async () => {
    const port = await listen();
    const policy = buildPolicyState(openSettings(dir, [reading({})]), {
      getCACertificates: (type) => (type === 'system' ? [caPem] : ['-----BEGIN CERTIFICATE-----\nnot used\n-----END CERTIFICATE-----']),
    });
    expect(policy.trust.counts).toEqual({ base: 1, system: 1, extra: 0 });
    const { t } = make(port, policy.trust.ca);
    await t.connect();
    expect(t.isConnected()).toBe(true);
  });
});

describe('the extraCaFile policy when the file cannot be used', () => {
  it('a missing file: a policy problem naming the file; the other CAs stay (nothing changes)', () => {
    const missing = path.join(dir, 'no-such-ca.pem');
    const policy = policyWith(missing);
    expect(policy.trust.ca).toBeUndefined();
    expect(policy.effective.problems.map((p) => ({ ...p, message: englishOf(p.message) }))).toEqual([
      {
        key: 'extraCaFile',
        source: '/etc/switchboard/policy.json',
        level: 'enforced',
        message: `Policy "extraCaFile" in /etc/switchboard/policy.json (enforced): the CA file ${missing} is not used: it does not exist (ENOENT). Servers signed by that CA are not trusted; the built-in certificate authorities still are.`,
      },
    ]);
  });

  it('a file with no PEM certificate, and a damaged one: each says why', () => {
    const notPem = path.join(dir, 'not-pem.crt');
    writeFileSync(notPem, Buffer.from([0x30, 0x82, 0x01, 0x0a, 0x02]));
    expect(englishOf(policyWith(notPem).effective.problems[0]!.message)).toContain(
      `the CA file ${notPem} is not used: it holds no PEM certificate`,
    );
    const damaged = path.join(dir, 'damaged.pem');
    writeFileSync(damaged, `${caPem}\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n`);
    const policy = policyWith(damaged);
    expect(policy.trust.ca).toBeUndefined();
    expect(englishOf(policy.effective.problems[0]!.message)).toContain(
      `the CA file ${damaged} is not used: certificate 2 of 2 in it is damaged`,
    );
  });

  it('with a system store, a bad file keeps the system CAs and says so', () => {
    const missing = path.join(dir, 'gone.pem');
    const trust = buildTrustStore({
      extraCaFile: { path: missing, source: 'HKLM\\Software\\Policies\\Switchboard', level: 'enforced' },
      getCACertificates: (type) => (type === 'system' ? [caPem] : []),
    });
    expect(trust.ca).toEqual([caPem.trim()]);
    expect(englishOf(trust.problem!.message)).toContain('the built-in and system certificate authorities still are');
  });

  it("no file and no system store: no CA list at all, so TLS clients keep Node's own", () => {
    expect(buildTrustStore({ extraCaFile: null, getCACertificates: null }).ca).toBeUndefined();
    // The real runtime: Node 20 has no tls.getCACertificates; where it has one, its system list is used.
    expect(() => buildTrustStore({ extraCaFile: null })).not.toThrow();
  });

  it("without tls.getCACertificates, Node's bundled CAs and NODE_EXTRA_CA_CERTS stay trusted beside the file", () => {
    const extraEnv = path.join(dir, 'node-extra.pem');
    writeFileSync(extraEnv, serverCert);
    const trust = buildTrustStore({
      extraCaFile: { path: caFile, source: 'policy.json', level: 'defaults' },
      getCACertificates: null,
      env: { NODE_EXTRA_CA_CERTS: extraEnv },
    });
    expect(trust.ca).toContain(caPem.trim());
    expect(trust.ca).toContain(serverCert.trim());
    expect(trust.counts.base).toBeGreaterThan(100);
  });
});
