import { create } from 'zustand';
import type { EscalationOptions } from '../../../../shared/escalation/contract';
import type { EscalationRecord } from '../../../../shared/escalation/records';
import type { BridgeClient } from '../../bridge/client';

/**
 * The renderer's mirror of the agent's open escalations and the form's options. Main owns the
 * records; this store is filled from `escalation.list` whenever the bridge (re)connects and then
 * follows `escalation.changed` (a resolved escalation leaves the list).
 */
interface EscalationStore {
  options: EscalationOptions | null;
  open: EscalationRecord[];
  error: string | null;
  /** Bumped on every change, so "my stats" can refresh after an escalation. */
  version: number;
}

export const useEscalations = create<EscalationStore>()(() => ({ options: null, open: [], error: null, version: 0 }));

let boundClient: BridgeClient | null = null;

export function escalationClient(): BridgeClient {
  if (!boundClient) throw new Error('bindEscalation was not called');
  return boundClient;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function upsert(record: EscalationRecord): void {
  useEscalations.setState((s) => {
    const others = s.open.filter((r) => r.id !== record.id);
    const open = record.resolvedAt === null ? [record, ...others] : others;
    open.sort((a, b) => a.acknowledgeBy - b.acknowledgeBy || a.createdAt - b.createdAt);
    return { open, version: s.version + 1 };
  });
}

export function bindEscalation(client: BridgeClient): () => void {
  boundClient = client;
  const offState = client.onConnectionState((state) => {
    if (state !== 'open') return;
    Promise.all([client.invoke('escalation.options', {}), client.invoke('escalation.list', { open: true })])
      .then(([options, list]) => {
        const open = [...list.escalations].sort((a, b) => a.acknowledgeBy - b.acknowledgeBy || a.createdAt - b.createdAt);
        useEscalations.setState((s) => ({ options, open, error: null, version: s.version + 1 }));
      })
      .catch((error: unknown) => useEscalations.setState({ error: messageOf(error) }));
  });
  const offChanged = client.on('escalation.changed', upsert);
  return () => {
    offState();
    offChanged();
    boundClient = null;
  };
}
