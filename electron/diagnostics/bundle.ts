import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { AudioDevice } from '../../shared/diagnostics/contract';
import type { SyncStatus } from '../../shared/sync/contract';
import type { SipTraceEntry } from '../../shared/telephony/model';
import { englishOf } from '../../shared/text/user-text';
import { redactDeep, redactSecretsText, redactText, REDACTED } from '../logging/redact';
import type { CallQualityRecord } from './recent-calls';

/** What goes into the zip; every part is redacted again here, whatever its source did already. */
export interface DiagnosticsInput {
  createdAt: Date;
  versions: Record<string, string | number | boolean | null>;
  /** Effective configuration (defaults < policy < user); secret-named keys are masked. */
  config: unknown;
  secretStore: { backend: string; weak: boolean; description: string };
  /** The local customer database: its status (no records) and how long its requests took lately. */
  store: unknown;
  registration: unknown;
  sipTrace: SipTraceEntry[];
  calls: CallQualityRecord[];
  /** Live statistics of calls in progress, straight from WebRTC. */
  liveStats: unknown;
  audioDevices: { devices: AudioDevice[]; permission: string } | { unavailable: string };
  devicePrefs: unknown;
  /** CRM sync: connector, connection, outbox counts, the CRM's API usage; built by `syncReport`. */
  sync: unknown;
  /** Log files, newest first. */
  logFiles: string[];
  /** The last pre-shift check ("Check my setup"), or why there is none. */
  preShiftCheck?: unknown;
}

/** Largest part of one log file that goes into the zip (its end: the newest lines). */
const MAX_LOG_BYTES = 4 * 1024 * 1024;
const CREDENTIAL_HEADER = /^\s*(proxy-)?authorization\s*:/i;

const json = (value: unknown): Uint8Array => strToU8(`${JSON.stringify(value, null, 2)}\n`);

export function formatSipTrace(entries: SipTraceEntry[]): string {
  return entries
    .map((e) => {
      const head = `${new Date(e.at).toISOString()} ${e.direction === 'in' ? '<<< received' : '>>> sent'}`;
      // SipTrace already drops these headers; a second look here costs nothing.
      const headers = e.headers.filter((h) => !CREDENTIAL_HEADER.test(h)).map((h) => redactSecretsText(h));
      return [head, redactSecretsText(e.firstLine), ...headers, ''].join('\n');
    })
    .join('\n');
}

function logTail(file: string): string {
  const size = statSync(file).size;
  const buffer = readFileSync(file);
  const text = buffer.subarray(Math.max(0, size - MAX_LOG_BYTES)).toString('utf8');
  // Each line is redacted again: a log written by an older version, or by a sink without redaction.
  return text
    .split('\n')
    .map((line) => redactText(line))
    .join('\n');
}

const README = (input: DiagnosticsInput): string => `Switchboard diagnostics, created ${input.createdAt.toISOString()}

versions.json        app, Electron/Chromium/Node and OS versions
config.json          effective configuration; passwords, tokens, TURN credentials and keys are shown as ${REDACTED}
secret-store.json    where secrets are kept; "weak": true means a plain-text fallback (no OS keychain)
store.json           the local customer database: state, encryption, schema, row counts, size, last
                     integrity check, recovery, and how long screen pops, searches and writes took
                     lately (requestTimes: end to end, and the part on the store's thread; ms), and
                     which background threads run at a lower CPU priority (threadPriorities)
registration.json    SIP registration state
sip-trace.txt        the last SIP messages: first line and headers only (no bodies); Authorization and
                     Proxy-Authorization headers removed. Phone numbers and SIP addresses are kept for IT.
calls.json           recent calls: timing, outcome and WebRTC audio quality (numbers reduced to their last 2 digits)
webrtc-live.json     WebRTC statistics of calls in progress when this file was made
audio-devices.json   audio devices the app can see and the agent's choices
sync.json            CRM sync: the connector, connection, the last problem, when it last pulled and
                     pushed, the outbox's counts, why items were parked (codes), and the CRM's API
                     usage against its allowance (Salesforce: the org's calls in the last 24 hours)
pre-shift-check.json the last "Check my setup" run: each step's verdict and advice, the microphone
                     level, the echo call's SIP result, loss, jitter and round trip, the SIP server's
                     round trips (no audio)
logs/                application logs (rotating), credentials and personal data masked
`;

/** Builds the zip's files. Pure except for reading the log files. */
export function buildDiagnosticsFiles(input: DiagnosticsInput): Zippable {
  const files: Zippable = {
    'README.txt': strToU8(README(input)),
    'versions.json': json(input.versions),
    'config.json': json(redactDeep(input.config)),
    'secret-store.json': json({ ...input.secretStore, plainTextFallback: input.secretStore.backend === 'plaintext-fallback' }),
    'store.json': json(redactDeep(input.store)),
    'registration.json': json(redactDeep(input.registration, redactSecretsText)),
    'sip-trace.txt': strToU8(formatSipTrace(input.sipTrace)),
    'calls.json': json(input.calls),
    'webrtc-live.json': json(redactDeep(input.liveStats)),
    'audio-devices.json': json({ available: input.audioDevices, chosen: input.devicePrefs }),
    'sync.json': json(redactDeep(input.sync)),
    'pre-shift-check.json': json(redactDeep(input.preShiftCheck ?? { none: 'no pre-shift check has run on this computer' })),
  };
  const logs: Zippable = {};
  for (const file of input.logFiles) {
    if (!existsSync(file)) continue;
    logs[path.basename(file)] = strToU8(logTail(file));
  }
  if (Object.keys(logs).length > 0) files.logs = logs;
  return files;
}

/**
 * What IT needs from the sync status: the state and counts, the parked items' codes and
 * operations, and the CRM's API usage. Not the conflicts' field values, the parked items' record
 * ids or the server's reason texts: those carry customer data.
 */
export function syncReport(status: SyncStatus | null): unknown {
  if (status === null) return { unavailable: 'sync is not part of this host' };
  const { connector, connectorLocked, zendesk, salesforce, connection, server, problem, locked, activity, progress, stages, outbox } =
    status;
  const usage = status.apiUsage;
  return {
    connector,
    connectorLocked,
    signedIn: { zendesk: zendesk.auth === 'oauth' ? zendesk.signedIn : null, salesforce: salesforce.signedIn },
    connection,
    server,
    // In English words: IT and support read the zip, not the window's message keys.
    problem: problem && englishOf(problem),
    locked,
    activity,
    progress,
    stages,
    apiUsage: usage && {
      ...usage,
      at: new Date(usage.at).toISOString(),
      share: usage.limit > 0 ? `${((usage.used / usage.limit) * 100).toFixed(1)} %` : null,
    },
    lastSyncAt: status.lastSyncAt === null ? null : new Date(status.lastSyncAt).toISOString(),
    lastPushAt: status.lastPushAt === null ? null : new Date(status.lastPushAt).toISOString(),
    nextAttemptAt: status.nextAttemptAt === null ? null : new Date(status.nextAttemptAt).toISOString(),
    outbox,
    parked: status.parked.map((p) => ({ entityKind: p.entityKind, operation: p.operation, code: p.code, attempts: p.attempts })),
    conflicts: status.conflicts.map((c) => ({ entityKind: c.entityKind, operation: c.operation, fields: c.fields.map((f) => f.field) })),
  };
}

export function zipDiagnostics(files: Zippable): Uint8Array {
  return zipSync(files, { level: 6, mtime: new Date() });
}

/** The zip's file list, flattened ("logs/switchboard.log"). */
export function listFiles(files: Zippable, prefix = ''): string[] {
  return Object.entries(files).flatMap(([name, value]) =>
    value instanceof Uint8Array || Array.isArray(value) ? [`${prefix}${name}`] : listFiles(value, `${prefix}${name}/`),
  );
}
