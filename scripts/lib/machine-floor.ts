/**
 * The machine's floor under a bench's figure: the same kind of work with nothing of Switchboard's
 * in it, measured on the same machine in the same run. Printed beside each figure so that it reads
 * as a ratio: on a shared 2 vCPU VM the absolute numbers move with the neighbours, the ratio much
 * less.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';

export interface FloorStats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

export function floorStats(samples: readonly number[]): FloorStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export function showFloor(stats: FloorStats, unit = 'ms'): string {
  return `p50 ${stats.p50} ${unit}, p95 ${stats.p95} ${unit}, p99 ${stats.p99} ${unit} (n=${stats.n})`;
}

/** `figure / floor`, to one decimal; null when the floor is zero or missing. */
export function ratio(figure: number | null, floor: number | null): number | null {
  if (figure === null || floor === null || floor <= 0) return null;
  return Math.round((figure / floor) * 10) / 10;
}

/**
 * One loopback HTTP request and its empty JSON answer, over a kept-alive connection: the floor of
 * every request the sync engine and the CRM connectors make to a server on this machine.
 */
export async function httpRoundTripFloor(samples = 300): Promise<FloorStats> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '2' });
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    for (let i = 0; i < 20; i += 1) await (await fetch(url)).text(); // warm-up: connection and JIT
    const times: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      const start = performance.now();
      await (await fetch(url)).text();
      times.push(performance.now() - start);
    }
    return floorStats(times);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A message to a thread that only answers, and back: the floor of any request to the store's threads. */
export async function threadRoundTripFloor(samples = 300): Promise<FloorStats> {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads'); parentPort.on('message', (id) => parentPort.postMessage(id));`,
    { eval: true },
  );
  try {
    const once = (id: number) =>
      new Promise<void>((resolve) => {
        const onMessage = (echoed: number) => {
          if (echoed !== id) return;
          worker.off('message', onMessage);
          resolve();
        };
        worker.on('message', onMessage);
        worker.postMessage(id);
      });
    for (let i = 0; i < 50; i += 1) await once(i);
    const times: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      const start = performance.now();
      await once(1000 + i);
      times.push(performance.now() - start);
    }
    return floorStats(times);
  } finally {
    await worker.terminate();
  }
}

/** Median time of `JSON.parse` over a body: the floor of reading that many bytes of text in JavaScript. */
export function jsonParseFloorMs(body: string, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    JSON.parse(body);
    times.push(performance.now() - start);
  }
  return floorStats(times).p50;
}

/** Start and exit of a Node process that does nothing (`node -e 0`): the floor of any process start. */
export function processStartFloor(runs = 5): FloorStats {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    const result = spawnSync(process.execPath, ['-e', '0']);
    if (result.status !== 0) throw new Error(`node -e 0 exited ${String(result.status)}`);
    times.push(performance.now() - start);
  }
  return floorStats(times);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
