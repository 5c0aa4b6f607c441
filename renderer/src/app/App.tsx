import { AgentStatePanel, ContactWork, CustomerPane } from '../features/agent';
import { CallbacksPanel } from '../features/callbacks';
import { ClickToDialPrompt } from '../features/click-to-dial';
import { EscalationsPanel } from '../features/escalation';
import { FirstRunGuide } from '../features/first-run';
import { PhoneBar } from '../features/telephony';
import { PreShiftOffer } from '../features/pre-shift';
import { ScriptsPanel } from '../features/scripts';
import { MyStatsPanel } from '../features/stats';
import { OutageBanner } from '../features/status-feed';
import { AgentSignIn } from '../features/sso';
import { SyncStatusStrip } from '../features/sync';
import { AdminMenu } from './AdminMenu';
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
        <AgentSignIn />
        <AgentStatePanel />
        <PhoneBar />
        <AdminMenu />
        <ClickToDialPrompt />
      </header>
      <Notices />
      <FirstRunGuide />
      <PreShiftOffer />
      <main className="workspace" aria-label="Workspace">
        <div className="workspace-primary">
          <OutageBanner />
          <CustomerPane />
          <ContactWork />
          <ScriptsPanel />
        </div>
        <aside className="workspace-side" aria-label="Escalations, my callbacks and my stats">
          <EscalationsPanel />
          <CallbacksPanel />
          <MyStatsPanel />
        </aside>
      </main>
      <SyncStatusStrip />
      <StatusBar />
    </div>
  );
}
