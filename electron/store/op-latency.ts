/** Percentiles of one series of times, in milliseconds. */
export interface LatencyFigures {
  p50: number;
  p99: number;
  max: number;
}

/**
 * How long one kind of store request took recently: from main's call to its
 * answer (what the agent waits for), and the part of that spent running on
 * the store's thread (the rest is delivery between the threads and waiting
 * behind other requests).
 */
export interface OpLatency {
  /** Requests in the figures: the most recent ones, up to OP_LATENCY_KEPT. */
  count: number;
  endToEnd: LatencyFigures;
  onThread: LatencyFigures;
}

export const OP_LATENCY_KEPT = 1000;

interface Series {
  endToEnd: Float64Array;
  onThread: Float64Array;
  /** Requests recorded since the last reset; the arrays hold the last OP_LATENCY_KEPT of them. */
  recorded: number;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

function figures(samples: Float64Array): LatencyFigures {
  const sorted = samples.slice().sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1] ?? 0) };
}

/**
 * The store's request times per operation, the last OP_LATENCY_KEPT of each, for
 * diagnostics ("screen pops are slow on this machine": slow on the thread, or slow
 * to get there?) and for bench:store. Recording is two array writes.
 */
export class OpLatencyLog {
  private readonly series = new Map<string, Series>();

  record(op: string, endToEndMs: number, onThreadMs: number): void {
    let s = this.series.get(op);
    if (!s) {
      s = { endToEnd: new Float64Array(OP_LATENCY_KEPT), onThread: new Float64Array(OP_LATENCY_KEPT), recorded: 0 };
      this.series.set(op, s);
    }
    const slot = s.recorded % OP_LATENCY_KEPT;
    s.endToEnd[slot] = endToEndMs;
    s.onThread[slot] = onThreadMs;
    s.recorded += 1;
  }

  summary(): Record<string, OpLatency> {
    const out: Record<string, OpLatency> = {};
    for (const [op, s] of [...this.series].sort(([a], [b]) => a.localeCompare(b))) {
      const count = Math.min(s.recorded, OP_LATENCY_KEPT);
      out[op] = { count, endToEnd: figures(s.endToEnd.subarray(0, count)), onThread: figures(s.onThread.subarray(0, count)) };
    }
    return out;
  }

  reset(): void {
    this.series.clear();
  }
}
