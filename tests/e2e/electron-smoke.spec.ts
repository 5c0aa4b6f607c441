import path from 'node:path';
import { _electron as electron } from '@playwright/test';
import { expect, PageProblems, test } from '../support/e2e';
import { electronBinary, REPO_ROOT, requireBuild } from '../support/system-deps';

const binary = electronBinary();
test.skip(!binary.available, binary.available ? '' : binary.reason);
// Chromium's sandbox refuses to run as root; the test would have to turn off the very thing it checks.
test.skip(
  process.platform === 'linux' && process.getuid?.() === 0,
  "skipped: running as root, where Chromium's sandbox cannot start; run as a normal user",
);

type PageGlobals = { require?: unknown; process?: unknown; switchboard?: { invoke?: unknown } };

test('the Electron window opens sandboxed, context-isolated and connected', async () => {
  if (!binary.available) return;
  requireBuild();
  const app = await electron.launch({
    executablePath: binary.path,
    args: [path.join(REPO_ROOT, 'dist/electron/main.cjs')],
    cwd: REPO_ROOT,
  });
  try {
    const window = await app.firstWindow();
    // Not a browser context of Playwright's: the window is watched here instead of by the fixture.
    const problems = new PageProblems();
    problems.watch(window);
    const facts = await app.evaluate(({ app: electronApp, BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows()[0];
      if (!win) return null;
      const pid = win.webContents.getOSProcessId();
      const metric = electronApp.getAppMetrics().find((m) => m.pid === pid);
      let seccomp: string | null = null;
      if (process.platform === 'linux') {
        const fs = process.getBuiltinModule('node:fs');
        seccomp = /Seccomp:\s+(\d)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? null;
      }
      return { url: win.webContents.getURL(), osSandboxed: metric?.sandboxed ?? null, seccomp, platform: process.platform };
    });
    expect(facts?.url).toBe('app://switchboard/index.html');
    // The renderer runs in Chromium's OS sandbox: seccomp-bpf filter mode on Linux, the process metric elsewhere.
    if (facts?.platform === 'linux') expect(facts.seccomp).toBe('2');
    else expect(facts?.osSandboxed).toBe(true);
    // contextBridge.exposeInMainWorld throws unless contextIsolation is on, so the bridge API being there proves it;
    // and the page sees nothing of Node.
    const globals = await window.evaluate(() => {
      const w = window as unknown as PageGlobals;
      return [typeof w.require, typeof w.process, typeof w.switchboard?.invoke];
    });
    expect(globals).toEqual(['undefined', 'undefined', 'function']);
    await expect(window.getByRole('status', { name: 'Connection' })).toContainText('Connected · desktop app');
    await window.getByRole('button', { name: 'Check connection' }).click();
    await expect(window.getByRole('status', { name: 'Connection check result' })).toContainText('events flowing');
    problems.check();
  } finally {
    await app.close();
  }
});
