import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The options every emulator's cli.ts takes, for node:util parseArgs. */
export const COMMON_CLI_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  'redirect-uri': { type: 'string', multiple: true },
  help: { type: 'boolean' },
} as const;

/** A whole-number option (`--name N`); undefined if absent. */
export function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

/** `--port N`, 0 picking a free one. */
export function portOption(value: string | undefined, fallback: number): number {
  const port = wholeNumber('port', value) ?? fallback;
  if (port > 65535) throw new Error(`--port must be at most 65535, got ${port}`);
  return port;
}

/** Whether the module at `moduleUrl` (its import.meta.url) is the script node was started with. */
export function isMainModule(moduleUrl: string): boolean {
  return Boolean(process.argv[1]) && moduleUrl === pathToFileURL(path.resolve(process.argv[1]!)).href;
}

/** Announces the URL on stdout and runs until SIGINT/SIGTERM, then closes the emulator. */
export function serveUntilSignalled(url: string, close: () => Promise<void>): void {
  // One machine-readable line on stdout, so a parent process can find the port.
  process.stdout.write(`${JSON.stringify({ listening: url })}\n`);
  const shutdown = (): void => {
    void close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
