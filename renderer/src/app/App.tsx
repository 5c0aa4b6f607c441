import { Notices } from './Notices';
import { StatusBar } from './StatusBar';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Switchboard</h1>
      </header>
      <Notices />
      <main className="workspace" aria-label="Workspace" />
      <StatusBar />
    </div>
  );
}
