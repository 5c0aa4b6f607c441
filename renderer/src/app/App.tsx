import { useTranslation } from 'react-i18next';
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
 * The agent's one window ("single pane of glass"), in fixed regions that do not move between
 * idle, ringing, in call, on hold and wrap-up:
 * - the phone strip at the top: agent state, then registration, the caller, the call timer, the
 *   call buttons and the dial box, each in its own cell; the admin menu at the inline end;
 * - the workspace: customer and cases | the contact's work (wrap-up, logging, scripts) | the side
 *   rail (escalations, callbacks, my stats). Each pane scrolls on its own; the page never does,
 *   so the customer never scrolls out of view;
 * - under the workspace, the message shelf (notices, outage, first-run guide, the pre-shift
 *   offer), the sync strip and the status bar: what comes and goes there shortens the panes
 *   from below and never moves the strip's buttons or the panes' tops.
 * Each feature owns its component under features/<area>/ and is placed here once.
 */
export function App() {
  const { t } = useTranslation('app');
  return (
    <div className="app">
      <header className="app-strip">
        <div className="strip-top">
          <h1 className="app-title">{t('title')}</h1>
          <AgentStatePanel />
          <div className="strip-end">
            <AgentSignIn />
            <AdminMenu />
          </div>
        </div>
        <PhoneBar />
        <ClickToDialPrompt />
      </header>
      <main className="workspace" aria-label={t('workspace')}>
        <div className="pane pane-customer">
          <CustomerPane />
        </div>
        <div className="pane pane-work">
          <ContactWork />
          <ScriptsPanel />
        </div>
        <aside className="pane pane-rail" aria-label={t('rail')}>
          <EscalationsPanel />
          <CallbacksPanel />
          <MyStatsPanel />
        </aside>
      </main>
      <div className="app-shelf">
        <Notices />
        <OutageBanner />
        <FirstRunGuide />
        <PreShiftOffer />
      </div>
      <div className="app-footer">
        <SyncStatusStrip />
        <StatusBar />
      </div>
    </div>
  );
}
