import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { LogRecord, LogSink } from './logger';
import { redactingSink } from './redact';

export const LOG_FILE_NAME = 'switchboard.log';
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 5;
/** One record longer than this is cut (a runaway error text must not fill the file). */
const MAX_LINE_BYTES = 16 * 1024;

export interface RotatingFileSinkOptions {
  dir: string;
  fileName?: string;
  /** Size at which the current file is rotated. */
  maxBytes?: number;
  /** Files kept in all: the current one and maxFiles - 1 rotated ones (switchboard.log.1 is the newest). */
  maxFiles?: number;
}

export interface RotatingFileSink {
  readonly sink: LogSink;
  /** The log files, newest first (what the diagnostics zip collects). */
  files(): string[];
  close(): void;
}

/**
 * JSON lines in `<dir>/switchboard.log`, rotated by size: .log → .log.1 → … → .log.(maxFiles-1),
 * the oldest deleted. Writes are synchronous so the last lines before a crash are on disk; a
 * write that fails (disk full, folder gone) is dropped rather than thrown into the caller.
 * Records are redacted (electron/logging/redact.ts) before they are written.
 */
export function createRotatingFileSink(options: RotatingFileSinkOptions): RotatingFileSink {
  const fileName = options.fileName ?? LOG_FILE_NAME;
  const maxBytes = Math.max(1024, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const maxFiles = Math.max(1, options.maxFiles ?? DEFAULT_MAX_FILES);
  const current = path.join(options.dir, fileName);
  const rotated = (n: number): string => `${current}.${n}`;
  let fd: number | null = null;
  let size = 0;

  const open = (): void => {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    fd = openSync(current, 'a', 0o600);
    size = fstatSync(fd).size;
  };

  const rotate = (): void => {
    if (fd !== null) closeSync(fd);
    fd = null;
    rmSync(rotated(maxFiles - 1), { force: true });
    for (let n = maxFiles - 2; n >= 1; n -= 1) if (existsSync(rotated(n))) renameSync(rotated(n), rotated(n + 1));
    if (maxFiles > 1) renameSync(current, rotated(1));
    else rmSync(current, { force: true });
    open();
  };

  const write = (record: LogRecord): void => {
    let line = `${JSON.stringify(record)}\n`;
    if (Buffer.byteLength(line) > MAX_LINE_BYTES) {
      line = `${JSON.stringify({ time: record.time, level: record.level, scope: record.scope, message: record.message.slice(0, 2000), truncated: true })}\n`;
    }
    const bytes = Buffer.from(line);
    try {
      if (fd === null) open();
      if (size > 0 && size + bytes.length > maxBytes) rotate();
      size += writeSync(fd as number, bytes);
    } catch {
      // Logging never takes the app down; the next write tries to reopen.
      if (fd !== null) {
        try {
          closeSync(fd);
        } catch {
          // already closed
        }
      }
      fd = null;
    }
  };

  return {
    sink: redactingSink(write),
    files: () => [current, ...Array.from({ length: maxFiles - 1 }, (_, i) => rotated(i + 1))].filter((f) => existsSync(f)),
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/** Sends each record to every sink. */
export function teeSink(...sinks: LogSink[]): LogSink {
  return (record) => {
    for (const sink of sinks) sink(record);
  };
}

/**
 * What both hosts log to: redacted JSON lines on stderr and in rotating files under `logDir`
 * (the data folder's logs/). `logDir` null: stderr only.
 */
export function createAppLogSink(logDir: string | null, stderr: LogSink): { sink: LogSink; file: RotatingFileSink | null } {
  if (!logDir) return { sink: redactingSink(stderr), file: null };
  const file = createRotatingFileSink({ dir: logDir });
  return { sink: teeSink(redactingSink(stderr), file.sink), file };
}
