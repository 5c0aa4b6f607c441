import { create } from 'zustand';
import type { PolicyView } from '../../../../shared/policy/contract';
import type { BridgeClient } from '../../bridge/client';
import { useConnection } from '../../state/connection';

interface SettingsStore {
  view: PolicyView | null;
  problem: string | null;
}

export const useSettings = create<SettingsStore>()(() => ({ view: null, problem: null }));

let boundClient: BridgeClient | null = null;

/** Asks main for the effective settings (again: values can change with the agent's own settings). */
export async function refreshSettings(): Promise<void> {
  const client = boundClient;
  if (!client) return;
  try {
    useSettings.setState({ view: await client.invoke('policy.get', {}), problem: null });
  } catch (error) {
    useSettings.setState({ problem: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Loads the policy when the bridge opens and shows its problems as notices:
 * main also emits them at start-up, but a window that connects later (a
 * reload, the web shell opened afterwards) would not see those events.
 */
export function bindSettings(client: BridgeClient): () => void {
  boundClient = client;
  return client.onConnectionState((state) => {
    if (state !== 'open') return;
    void refreshSettings().then(() => {
      const problems = useSettings.getState().view?.problems ?? [];
      if (problems.length === 0) return;
      useConnection.setState((s) => {
        const ids = new Set(problems.map((_, index) => `policy-${index}`));
        const notices = problems.map((p, index) => ({
          id: `policy-${index}`,
          level: 'warning' as const,
          message: p.message.slice(0, 500),
        }));
        return { notices: [...s.notices.filter((n) => !ids.has(n.id)), ...notices].slice(-5) };
      });
    });
  });
}
