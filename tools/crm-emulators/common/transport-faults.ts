import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The faults an emulator's server applies to the connection rather than to the answer's content:
 * a request cut on arrival (`down`), held back (`slow`), applied but unanswered
 * (`duplicateDelivery`) or answered halfway (`reset`). Which status and body a fault of the
 * service's own kinds gives stays in that emulator's server.ts.
 */

export type TransportFaultKind = 'down' | 'slow' | 'reset' | 'duplicateDelivery';

export interface TransportFaults {
  take(kind: TransportFaultKind, method: string, path: string): { delayMs: number } | null;
}

/** Records the request in the emulator's log: status 0 when the connection was cut instead. */
export type LogRequest = (status: number, fault?: string) => void;

/** Applies `down` and `slow` as a request arrives; true when the connection was cut (nothing more to do). */
export async function applyArrivalFaults(
  faults: TransportFaults,
  req: IncomingMessage,
  method: string,
  path: string,
  log: LogRequest,
): Promise<boolean> {
  if (faults.take('down', method, path)) {
    log(0, 'down');
    req.socket.destroy();
    return true;
  }
  const slow = faults.take('slow', method, path);
  if (slow) await new Promise((resolve) => setTimeout(resolve, slow.delayMs));
  return false;
}

export interface Outgoing {
  status: number;
  headers: Record<string, string | number>;
  text: string;
}

/**
 * Sends an answer, unless `duplicateDelivery` (success answers only) or `reset` takes it.
 * `cutEmptyBeforeStatus`: a reset of an answer without a body cuts before its status line.
 */
export function sendWithFaults(
  faults: TransportFaults,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
  out: Outgoing,
  log: LogRequest,
  cutEmptyBeforeStatus: boolean,
): void {
  if (out.status < 400 && faults.take('duplicateDelivery', method, path)) {
    // Applied, then lost: the connection goes before a byte of the answer.
    log(0, 'duplicateDelivery');
    req.socket.destroy();
    return;
  }
  if (faults.take('reset', method, path)) {
    log(0, 'reset');
    if (cutEmptyBeforeStatus && out.text.length === 0) {
      req.socket.destroy();
      return;
    }
    res.writeHead(out.status, out.headers);
    res.write(out.text.slice(0, Math.floor(out.text.length / 2)));
    setImmediate(() => req.socket.destroy());
    return;
  }
  res.writeHead(out.status, out.headers);
  res.end(out.text);
  log(out.status);
}
