export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured fields for a log line. Callers pass ids and codes, never personal data or secrets. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines carry `scope` (e.g. "sip", "store"). */
  child(scope: string): Logger;
}

export interface LogRecord {
  time: string;
  level: LogLevel;
  scope: string;
  message: string;
  fields?: LogFields;
}

export type LogSink = (record: LogRecord) => void;

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(sink: LogSink, options: { level?: LogLevel; scope?: string } = {}): Logger {
  const threshold = rank[options.level ?? 'info'];
  const scope = options.scope ?? 'app';
  const write = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (rank[level] < threshold) return;
    const record: LogRecord = { time: new Date().toISOString(), level, scope, message };
    if (fields && Object.keys(fields).length > 0) record.fields = fields;
    sink(record);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (child) => createLogger(sink, { level: options.level ?? 'info', scope: `${scope}.${child}` }),
  };
}

/** One JSON line per record on stderr: what the web shell and tests use. */
export const stderrSink: LogSink = (record) => {
  process.stderr.write(`${JSON.stringify(record)}\n`);
};

export const silentLogger: Logger = createLogger(() => undefined);

/** Collects records in memory; tests assert on what was (and was not) logged. */
export function createMemorySink(): { sink: LogSink; records: LogRecord[] } {
  const records: LogRecord[] = [];
  return { sink: (r) => records.push(r), records };
}
