import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { formatByteLimit } from '../../shared/sync/limits';
import { isCertificateError } from '../security/trust-store';
import { userText, type UserText } from '../../shared/text/user-text';
import { SourceError } from './case-source';

/**
 * One HTTP exchange with a deadline, in plain Node (no Electron net module, so
 * it runs and is tested the same in the web shell and under vitest). Every
 * way the network fails becomes a SourceError whose kind says what to do:
 * refused / reset / DNS → `network`, no answer in time → `timeout`.
 */

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpRequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  /** The whole exchange (connect, send, wait, read) must finish within this. */
  timeoutMs: number;
  /**
   * Most bytes of body read: a larger declared Content-Length is refused before reading, and a
   * body streamed past it is cut off there (code `too-large`), so a server cannot make main buffer more.
   */
  maxBytes: number;
  signal?: AbortSignal;
}

export interface HttpTransport {
  send(url: URL, options: HttpRequestOptions): Promise<HttpResponse>;
  close(): void;
}

/** errno codes that mean "the server is not there" rather than "it failed". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

const PLAIN_WORDS: Record<string, UserText> = {
  ECONNREFUSED: userText('sync.network.refused'),
  ECONNRESET: userText('sync.network.reset'),
  ENOTFOUND: userText('sync.network.notFound'),
  EAI_AGAIN: userText('sync.network.dns'),
  EHOSTUNREACH: userText('sync.network.noRoute'),
  ENETUNREACH: userText('sync.network.unreachable'),
  ENETDOWN: userText('sync.network.down'),
  ETIMEDOUT: userText('sync.network.timedOut'),
};

/** Whether an errno code means the server could not be reached: the transport raises a `network` SourceError for it. */
export function isUnreachableCode(code: string): boolean {
  return NETWORK_CODES.has(code);
}

/**
 * Why the server could not be reached, in plain words ("the connection was refused"), for the
 * errno code of a `network` SourceError this transport raised; "the connection broke" for the
 * others. Sync and the status feed (electron/status-feed/poller.ts) say it alike.
 */
export function networkReason(code: string): UserText {
  return PLAIN_WORDS[code] ?? userText('sync.network.broke');
}

export function networkError(error: unknown, host: string): SourceError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'ECONNRESET';
  if (NETWORK_CODES.has(code)) {
    return new SourceError('network', code, userText('sync.error.cannotReach', { host, reason: networkReason(code), code }));
  }
  if (isCertificateError(code)) {
    return new SourceError('network', code, userText('sync.error.certificate', { host, code }));
  }
  return new SourceError('network', code, userText('sync.error.cannotTalk', { host, code }));
}

export function createHttpTransport(
  options: {
    maxSockets?: number;
    /** CAs for https (electron/security/trust-store.ts); undefined: Node's own. */ ca?: readonly string[];
  } = {},
): HttpTransport {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 8, keepAliveMsecs: 15_000 };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(options.ca ? { ...agentOptions, ca: [...options.ca] } : agentOptions);
  return {
    send(url, request) {
      return new Promise<HttpResponse>((resolve, reject) => {
        const secure = url.protocol === 'https:';
        const host = url.host;
        let settled = false;
        const finish = (error: SourceError | null, response?: HttpResponse): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          request.signal?.removeEventListener('abort', onAbort);
          if (error) reject(error);
          else resolve(response!);
        };
        const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
        const req = (secure ? httpsRequest : httpRequest)(url, {
          method: request.method,
          headers: body ? { ...request.headers, 'content-length': String(body.length) } : request.headers,
          agent: secure ? httpsAgent : httpAgent,
        });
        req.on('error', (error) => finish(networkError(error, host)));
        const timer = setTimeout(() => {
          finish(
            new SourceError('timeout', 'timeout', userText('sync.error.timeout', { host, seconds: Math.round(request.timeoutMs / 1000) })),
          );
          req.destroy();
        }, request.timeoutMs);
        const onAbort = (): void => {
          finish(new SourceError('aborted', 'aborted', userText('sync.error.stopped')));
          req.destroy();
        };
        if (request.signal?.aborted) {
          onAbort();
          return;
        }
        request.signal?.addEventListener('abort', onAbort, { once: true });
        const tooLarge = () =>
          new SourceError('protocol', 'too-large', userText('sync.error.tooLarge', { host, limit: formatByteLimit(request.maxBytes) }));
        req.on('response', (res) => {
          const declared = Number(res.headers['content-length']);
          if (Number.isFinite(declared) && declared > request.maxBytes) {
            finish(tooLarge());
            res.destroy();
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > request.maxBytes) {
              // Cut here: keeping the connection for reuse would mean reading the rest of the body.
              finish(tooLarge());
              res.destroy();
              return;
            }
            chunks.push(chunk);
          });
          res.on('error', (error) => finish(networkError(error, host)));
          // 'aborted' fires when the connection closes before the body is complete.
          res.on('aborted', () => finish(networkError({ code: 'ECONNRESET' }, host)));
          res.on('end', () => {
            if (!res.complete) {
              finish(networkError({ code: 'ECONNRESET' }, host));
              return;
            }
            finish(null, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
          });
        });
        req.end(body);
      });
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
