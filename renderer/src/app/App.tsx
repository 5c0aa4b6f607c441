import { SyncStatusStrip } from '../features/sync';
import { Notices } from './Notices';
import { StatusBar } from './StatusBar';

/**
 * The agent's one window ("single pane of glass"). Regions, top to bottom and
 * left to right, in the order an agent's eyes move during a contact:
 * phone bar → customer and cases → timeline / wrap-up → escalations and stats.
 * Each feature owns its component under features/<area>/ and is placed here once.
 */
export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Switchboard</h1>
        {/* slot: agent-state (features/agent) */}
        {/* slot: phone-bar (features/phone) */}
        {/* slot: header-actions (settings, diagnostics) */}
      </header>
      <Notices />
      {/* slot: first-run (features/first-run) */}
      <main className="workspace" aria-label="Workspace">
        <div className="workspace-primary">
          {/* slot: customer-pane (features/agent) */}
          {/* slot: contact-work (features/agent: timeline, call log, wrap-up) */}
        </div>
        <aside className="workspace-side" aria-label="Escalations and my stats">
          {/* slot: escalations (features/escalation) */}
          {/* slot: my-stats (features/stats) */}
        </aside>
      </main>
      <SyncStatusStrip />
      <StatusBar />
    </div>
  );
}
