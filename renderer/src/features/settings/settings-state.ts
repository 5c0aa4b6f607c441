import { create } from 'zustand';
import type { LanguageChoice, ThemeChoice } from '../../../../shared/policy/keys';
import type { PolicyView } from '../../../../shared/policy/contract';
import type { BridgeClient } from '../../bridge/client';
import { useConnection } from '../../state/connection';
import { appearanceOf, applyAppearance, followSystemLanguages, rememberedAppearance } from './appearance-state';

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
 * Saves the agent's theme or language; the window shows it as soon as main has it. Rejects (with
 * main's reason) when IT locked it or it could not be saved.
 */
export async function setAppearance(change: { theme?: ThemeChoice; language?: LanguageChoice }): Promise<void> {
  const client = boundClient;
  if (!client) throw new Error('not connected');
  useSettings.setState({ view: await client.invoke('policy.setAppearance', change) });
}

/**
 * Applies the theme and language: at once as the last start left them (before the first render,
 * as main.tsx binds the features before it renders), then whenever the settings change. Loads the
 * policy when the bridge opens and shows its problems as notices: main also emits them at
 * start-up, but a window that connects later (a reload, the web shell opened afterwards) would not
 * see those events.
 */
export function bindSettings(client: BridgeClient): () => void {
  boundClient = client;
  const remembered = rememberedAppearance();
  if (remembered) applyAppearance(remembered);
  const offView = useSettings.subscribe((state, previous) => {
    if (state.view && state.view !== previous.view) applyAppearance(appearanceOf(state.view));
  });
  const offLanguages = followSystemLanguages();
  const offState = client.onConnectionState((state) => {
    if (state !== 'open') return;
    void refreshSettings().then(() => {
      const problems = useSettings.getState().view?.problems ?? [];
      if (problems.length === 0) return;
      useConnection.setState((s) => {
        const ids = new Set(problems.map((_, index) => `policy-${index}`));
        const notices = problems.map((p, index) => ({
          id: `policy-${index}`,
          level: 'warning' as const,
          message: p.message,
        }));
        return { notices: [...s.notices.filter((n) => !ids.has(n.id)), ...notices].slice(-5) };
      });
    });
  });
  return () => {
    offState();
    offView();
    offLanguages();
  };
}
