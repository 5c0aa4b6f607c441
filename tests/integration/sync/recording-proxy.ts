import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A plain HTTP proxy on 127.0.0.1 in front of a reference sync server: it writes down what each
 * request carried (path and Authorization header) and forwards it unchanged. Any path before
 * "/v1/" is dropped, so the same server can be addressed with a base path (https://host/crm).
 */
export interface RecordingProxy {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly requests: { path: string; authorization: string | null }[];
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const requests: RecordingProxy['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, authorization: req.headers.authorization ?? null });
    const at = path.indexOf('/v1/');
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        agent: false,
        method: req.method,
        path: at >= 0 ? path.slice(at) : path,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(forward);
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
