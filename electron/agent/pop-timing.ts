import { performance } from 'node:perf_hooks';

/** Set to 1 in main's environment by `npm run bench:screenpop` (scripts/bench-screenpop.ts); nothing else sets it. */
export const POP_TIMING_ENV = 'SWITCHBOARD_POP_TIMING';

/** Where an inbound pop is on its way out of main, in order (`offered`: the call loop has the offer). */
export type PopStage = 'offered' | 'lookupStart' | 'lookupDone' | 'viewBuilt' | 'viewSent';

/**
 * One pop's stages as wall-clock ms with µs precision (the scale of the page's
 * `performance.timeOrigin + performance.now()`), and its INVITE's time as the view carries it.
 */
export interface PopTimingLine {
  callId: string;
  receivedAt: number;
  marks: Partial<Record<PopStage, number>>;
}

export interface PopTiming {
  offered(callId: string, receivedAt: number): void;
  mark(callId: string, stage: Exclude<PopStage, 'offered' | 'viewSent'>): void;
  /** The view with the pop's lookup went out: its line is written and forgotten. */
  sent(callId: string): void;
}

const OFF: PopTiming = { offered: () => undefined, mark: () => undefined, sent: () => undefined };

/** Pops followed at once; a pop whose view never goes out (declined, hung up first) is dropped with the oldest. */
const MAX_OPEN = 8;

/**
 * Where a screen pop's time goes in main, for the bench's breakdown: with SWITCHBOARD_POP_TIMING=1
 * each inbound pop's stages go to stderr as one JSON line once its view is out. Without it every
 * mark is a call to an empty function. A line holds times and Switchboard's own call id, nothing
 * of the caller.
 */
export function popTimingFromEnv(env: NodeJS.ProcessEnv = process.env, write: (line: string) => void = writeStderr): PopTiming {
  if (env[POP_TIMING_ENV] !== '1') return OFF;
  const open = new Map<string, PopTimingLine>();
  const now = (): number => performance.timeOrigin + performance.now();
  return {
    offered(callId, receivedAt) {
      open.set(callId, { callId, receivedAt, marks: { offered: now() } });
      if (open.size > MAX_OPEN) open.delete(open.keys().next().value as string);
    },
    mark(callId, stage) {
      const line = open.get(callId);
      if (line) line.marks[stage] ??= now();
    },
    sent(callId) {
      const line = open.get(callId);
      if (!line || line.marks.lookupDone === undefined) return;
      line.marks.viewSent = now();
      open.delete(callId);
      // Written once the view is out, so the write is not part of what it measures.
      setImmediate(() => write(`${JSON.stringify({ popTiming: line })}\n`));
    },
  };
}

function writeStderr(line: string): void {
  process.stderr.write(line);
}
