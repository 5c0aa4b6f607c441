// Figures of the telephony benches (scripts/bench-telephony.ts and its gateway mode): percentiles,
// one printed line per figure, and the loopback round trip that is the network part of the floor.
import { createSocket } from 'node:dgram';

export function percentile(values: number[], p: number, round = round1): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[index] ?? NaN);
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function report(name: string, values: number[], round = round1): { p50: number; p95: number } {
  const p50 = percentile(values, 50, round);
  const p95 = percentile(values, 95, round);
  console.log(
    `${name.padEnd(36)} p50 ${String(p50).padStart(7)} ms   p95 ${String(p95).padStart(7)} ms   (n=${values.length}, min ${round(Math.min(...values))}, max ${round(Math.max(...values))})`,
  );
  return { p50, p95 };
}

/** One UDP datagram to a socket on 127.0.0.1 that echoes it, and back: the network part of any packet's trip here. */
export async function udpRoundTrip(samples = 200): Promise<number[]> {
  const echo = createSocket('udp4');
  const client = createSocket('udp4');
  echo.on('message', (msg, rinfo) => echo.send(msg, rinfo.port, rinfo.address));
  await new Promise<void>((resolve) => echo.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => client.bind(0, '127.0.0.1', resolve));
  const port = echo.address().port;
  const once = () =>
    new Promise<number>((resolve) => {
      const started = performance.now();
      client.once('message', () => resolve(performance.now() - started));
      client.send(Buffer.alloc(172), port, '127.0.0.1'); // an RTP header and a 20 ms PCMU payload
    });
  try {
    for (let i = 0; i < 20; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < samples; i++) times.push(await once());
    return times;
  } finally {
    echo.close();
    client.close();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
