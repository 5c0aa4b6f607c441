import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The lab's sipp scenarios (UAC scenarios toward the agent; see each file's header). */
export const SIPP_SCENARIOS = path.join(import.meta.dirname, 'sipp');

export interface SippOptions {
  /** A file in tests/lab/sipp/ (e.g. 'unanswered.xml') or an absolute path. */
  scenario: string;
  /** Where sipp sends: the lab kamailio's UDP port, e.g. '127.0.0.1:5060'. */
  target: string;
  /** The Request-URI's user part ([service]); default '1001', the lab agent. */
  service?: string;
  /** -m: calls to place before sipp exits; default 1. */
  calls?: number;
  /** -r: new calls per -rp period (default 1 s); default 10. */
  rate?: number;
  ratePeriodMs?: number;
  /** -l: at most this many calls at once; default: sipp's (3 × rate × call length). */
  limit?: number;
  /** -d: what a bare <pause/> waits, in ms (the ring time, the refresh interval). */
  pauseMs?: number;
  /** -inf: injection rows (fields separated by ';'); the first line (SEQUENTIAL) is added here. */
  injection?: string[][];
  /** -key name value: [name] keywords in the scenario's messages. */
  keys?: Record<string, string>;
  /** -set name value: the scenario's <Global variables="..."/>. */
  vars?: Record<string, string>;
  /** -au/-ap: the digest credentials an [authentication] line answers a 401/407 challenge with. */
  auth?: { username: string; password: string };
  /** -timeout (with -timeout_error): sipp gives up after this long, failing; default 120 s. */
  timeoutSec?: number;
  /** -trace_msg: keep every message sent and received (default true); off for long bursts. */
  traceMessages?: boolean;
  /** Keep the temp dir with sipp's files (default: only when sipp fails). */
  keepFiles?: boolean;
  /** sipp's binary (requireSipp() in tests/support/system-deps.ts finds it). */
  binary: string;
  /** Local SIP port (-p); default a free UDP port on 127.0.0.1. */
  localPort?: number;
}

/** One SIP message from sipp's -trace_msg file. */
export interface SippMessage {
  direction: 'sent' | 'received';
  firstLine: string;
  /** Responses: the status code; requests: null. */
  status: number | null;
  reason: string | null;
  /** Requests: the method; responses: the CSeq's method. */
  method: string;
  callId: string;
  headers: [name: string, value: string][];
  body: string;
  raw: string;
}

/** Figures from sipp's -trace_stat file (the cumulative "(C)" columns of its last row). */
export interface SippStats {
  createdCalls: number;
  successfulCalls: number;
  failedCalls: number;
  /** Calls that failed on a message the scenario did not expect. */
  unexpectedMessages: number;
  /** Calls that failed waiting for a message (a recv timeout). */
  recvTimeouts: number;
  retransmissions: number;
  /** Every column of the last row, by its header. */
  raw: Record<string, string>;
}

export interface SippResult {
  /** 0: every call succeeded; 1: at least one failed; 97/99/255: see `sipp -h`; null if killed. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stats: SippStats;
  /** Everything sipp sent and received, in order (empty with traceMessages: false). */
  messages: SippMessage[];
  /** The responses sipp received, in order. */
  responses: SippMessage[];
  /** Lines the scenario's <log> actions wrote (-trace_logs). */
  logs: string[];
  /** sipp's -trace_err file: the unexpected messages and why calls failed. */
  errors: string;
  stderr: string;
  /** The temp dir with sipp's files (removed unless kept: see SippOptions.keepFiles). */
  dir: string;
  args: string[];
}

/** A header's value from a traced message (first match, case-insensitive; compact forms too). */
export function header(message: SippMessage, name: string): string | undefined {
  const compact: Record<string, string> = {
    'call-id': 'i',
    from: 'f',
    to: 't',
    via: 'v',
    contact: 'm',
    'content-type': 'c',
    'content-length': 'l',
    supported: 'k',
  };
  const wanted = name.toLowerCase();
  return message.headers.find(([n]) => n.toLowerCase() === wanted || n.toLowerCase() === compact[wanted])?.[1];
}

/** "INVITE 180, INVITE 487, CANCEL 200": a one-line summary of responses for assertion messages. */
export function describeResponses(responses: SippMessage[]): string {
  return responses.map((r) => `${r.method} ${r.status} ${r.reason ?? ''}`.trim()).join(', ') || '(none)';
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A sipp run in progress; `done` resolves when sipp exits (never rejects for failed calls). */
export interface SippRun {
  readonly args: string[];
  /** sipp's process id: its calls' Call-IDs are "<call number>-<pid>@127.0.0.1" ([call_id]). */
  readonly pid: number;
  readonly done: Promise<SippResult>;
  /** SIGTERM (SIGKILL after 2 s); resolves with what sipp had done by then. */
  stop(): Promise<SippResult>;
}

/** Starts sipp with a scenario; see SippOptions for the flags it gets. */
export async function startSipp(options: SippOptions): Promise<SippRun> {
  const binary = options.binary;
  const scenario = path.isAbsolute(options.scenario) ? options.scenario : path.join(SIPP_SCENARIOS, options.scenario);
  if (!existsSync(scenario)) throw new Error(`no sipp scenario ${scenario}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-sipp-'));
  const files = {
    stat: path.join(dir, 'stat.csv'),
    errors: path.join(dir, 'errors.log'),
    messages: path.join(dir, 'messages.log'),
    logs: path.join(dir, 'logs.log'),
    injection: path.join(dir, 'injection.csv'),
  };
  const localPort = options.localPort ?? (await freeUdpPort());
  const args = [
    options.target,
    '-sf',
    scenario,
    '-s',
    options.service ?? '1001',
    '-i',
    '127.0.0.1',
    '-p',
    String(localPort),
    // Media port for [media_port] in the SDP: sipp binds it (and the next ones), so give each run its own.
    '-mp',
    String(await freeUdpPort()),
    '-m',
    String(options.calls ?? 1),
    '-r',
    String(options.rate ?? 10),
    '-rp',
    `${options.ratePeriodMs ?? 1000}ms`,
    ...(options.limit !== undefined ? ['-l', String(options.limit)] : []),
    ...(options.pauseMs !== undefined ? ['-d', String(options.pauseMs)] : []),
    // No keyboard: sipp is a child process without a terminal. Not -bg: its parent would exit at once
    // and the exit code (0 = every call succeeded) would be lost.
    '-nostdin',
    '-timeout',
    `${options.timeoutSec ?? 120}s`,
    '-timeout_error',
    '-trace_stat',
    '-stf',
    files.stat,
    '-fd',
    '1',
    '-trace_err',
    '-error_file',
    files.errors,
    '-trace_logs',
    '-log_file',
    files.logs,
    ...(options.traceMessages === false ? [] : ['-trace_msg', '-message_file', files.messages]),
  ];
  if (options.injection) {
    writeFileSync(files.injection, ['SEQUENTIAL', ...options.injection.map((row) => `${row.join(';')};`)].join('\n') + '\n');
    args.push('-inf', files.injection);
  }
  for (const [name, value] of Object.entries(options.keys ?? {})) args.push('-key', name, value);
  for (const [name, value] of Object.entries(options.vars ?? {})) args.push('-set', name, value);
  if (options.auth) args.push('-au', options.auth.username, '-ap', options.auth.password);

  // sipp redraws its statistics screen on stdout all the time: drop it; keep the tail of stderr.
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const done = new Promise<SippResult>((resolve, reject) => {
    child.once('error', (error) => {
      running.delete(child);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      running.delete(child);
      try {
        const result: SippResult = {
          exitCode: code,
          signal,
          stats: parseStats(readIfExists(files.stat)),
          messages: options.traceMessages === false ? [] : parseMessages(readIfExists(files.messages)),
          responses: [],
          logs: readIfExists(files.logs)
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
          errors: readIfExists(files.errors),
          stderr,
          dir,
          args,
        };
        result.responses = result.messages.filter((m) => m.direction === 'received' && m.status !== null);
        if (process.env.SWITCHBOARD_SIPP_VERBOSE === '1')
          console.info(`sipp ${path.basename(scenario)}:\n${describeRun(result)}\nlogs: ${result.logs.join(' | ')}`);
        if (!options.keepFiles && code === 0) rmSync(dir, { recursive: true, force: true });
        resolve(result);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
  return {
    args,
    pid: child.pid ?? 0,
    done,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 2_000);
        const result = await done;
        clearTimeout(force);
        return result;
      }
      return done;
    },
  };
}

/** The Call-ID sipp gives call number `n` (from 1) of a run: its [call_id] keyword. */
export function sippCallId(run: SippRun, n = 1): string {
  return `${n}-${run.pid}@127.0.0.1`;
}

/** Runs sipp to the end: see startSipp. */
export async function runSipp(options: SippOptions): Promise<SippResult> {
  return (await startSipp(options)).done;
}

/** A one-paragraph account of a run for assertion messages. */
export function describeRun(result: SippResult): string {
  const { stats } = result;
  return [
    `sipp exit ${result.exitCode ?? result.signal}: ${stats.successfulCalls} ok, ${stats.failedCalls} failed (${stats.unexpectedMessages} unexpected message, ${stats.recvTimeouts} recv timeout)`,
    `responses: ${describeResponses(result.responses.slice(0, 12))}${result.responses.length > 12 ? ', …' : ''}`,
    result.errors ? `errors: ${result.errors.slice(0, 1500)}` : '',
    result.exitCode !== 0 ? `files: ${result.dir}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function readIfExists(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function parseStats(csv: string): SippStats {
  const lines = csv
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const headerLine = lines[0] ?? '';
  const last = lines.length > 1 ? (lines[lines.length - 1] ?? '') : '';
  const names = headerLine.split(';');
  const values = last.split(';');
  const raw: Record<string, string> = {};
  names.forEach((n, i) => {
    if (n) raw[n] = values[i] ?? '';
  });
  const num = (name: string): number => Number(raw[name] ?? 0) || 0;
  return {
    createdCalls: num('TotalCallCreated'),
    successfulCalls: num('SuccessfulCall(C)'),
    failedCalls: num('FailedCall(C)'),
    unexpectedMessages: num('FailedUnexpectedMessage(C)'),
    recvTimeouts: num('FailedTimeoutOnRecv(C)'),
    retransmissions: num('Retransmissions(C)'),
    raw,
  };
}

/**
 * sipp's -trace_msg file: each message follows a line of dashes with a timestamp and a line
 * "UDP message sent (N bytes):" or "UDP message received [N] bytes :".
 */
export function parseMessages(text: string): SippMessage[] {
  const messages: SippMessage[] = [];
  const blocks = text.split(/^-{10,}.*$/m);
  for (const block of blocks) {
    const match = /^\s*\S+ message (sent|received)[^\n]*\n/.exec(block);
    if (!match) continue;
    const raw = block
      .slice(match[0].length)
      .replace(/^\s*\n/, '')
      .replace(/\s+$/, '');
    const [head = '', body = ''] = raw.split(/\r?\n\r?\n/, 2);
    const lines = head.split(/\r?\n/).map((l) => l.replace(/\r$/, ''));
    const firstLine = (lines.shift() ?? '').trim();
    const headers: [string, string][] = [];
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (/^\s/.test(line) && headers.length > 0) {
        const lastHeader = headers[headers.length - 1];
        if (lastHeader) lastHeader[1] += ` ${line.trim()}`;
      } else if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
    const status = /^SIP\/2\.0 (\d{3})\s*(.*)$/.exec(firstLine);
    const partial: SippMessage = {
      direction: match[1] === 'sent' ? 'sent' : 'received',
      firstLine,
      status: status ? Number(status[1]) : null,
      reason: status ? (status[2] ?? '') : null,
      method: '',
      callId: '',
      headers,
      body,
      raw,
    };
    partial.callId = header(partial, 'Call-ID') ?? '';
    partial.method = status ? ((header(partial, 'CSeq') ?? '').split(/\s+/)[1] ?? '') : (firstLine.split(' ')[0] ?? '');
    messages.push(partial);
  }
  return messages;
}

/**
 * Whether a UDP socket in this network namespace is bound to `port`, read from the kernel's socket
 * tables. Not by binding the port to see if that fails: such a probe holds the port for a moment and,
 * on a busy machine, sipp starting at that moment fails to bind it and exits.
 */
export function udpPortBound(port: number): boolean {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return ['/proc/net/udp', '/proc/net/udp6'].some((table) => {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      return false;
    }
    // Each row: "sl local_address rem_address st …", the address as HEXIP:HEXPORT.
    return text
      .split('\n')
      .slice(1)
      .some((row) => row.trim().split(/\s+/)[1]?.endsWith(hex) === true);
  });
}

/** A UDP port on 127.0.0.1 nobody holds right now. */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}
