import { describe, expect, it } from 'vitest';
import { boundaryRules } from '../../../eslint.config.js';
import { snippetLinter } from '../../support/lint-snippet';

// Lints snippets as if they were files in each layer, with exactly the
// boundary rules the real config uses, to prove each rule fires.
const lint = snippetLinter(boundaryRules);

async function violations(filePath: string, code: string): Promise<string[]> {
  return (await lint(filePath, code)).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('process-model boundaries', () => {
  it('lets only main.ts, preload.ts and platform/ import electron', async () => {
    const line = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await violations('electron/main.ts', line)).toEqual([]);
    expect(await violations('electron/preload.ts', line)).toEqual([]);
    expect(await violations('electron/platform/anything.ts', line)).toEqual([]);
    expect(await violations('electron/core/app-core.ts', line)).toEqual([expect.stringContaining('design rule 1')]);
    expect(await violations('electron/telephony/ua.ts', "import 'electron';\n")).toEqual([expect.stringContaining('design rule 1')]);
    expect(await violations('electron/telephony/ua.ts', "export const e = require('electron');\n")).toEqual([
      expect.stringContaining('design rule 1'),
    ]);
    expect(await violations('electron/telephony/ua.ts', "export const e = import('electron');\n")).toEqual([
      expect.stringContaining('design rule 1'),
    ]);
  });

  it('keeps Node-only code away from platform/ and the renderer', async () => {
    expect(await violations('electron/store/db.ts', "import { x } from '../platform/safe-storage';\nexport { x };\n")).toEqual([
      expect.stringContaining('electron/platform/'),
    ]);
    expect(await violations('electron/store/db.ts', "import { x } from '../../renderer/src/main';\nexport { x };\n")).toEqual([
      expect.stringContaining('through the bridge'),
    ]);
  });

  it('keeps Node, DOM and Electron out of shared/', async () => {
    expect(await violations('shared/x.ts', "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n")).toEqual([
      expect.stringContaining('no Node APIs'),
    ]);
    expect(await violations('shared/x.ts', "import path from 'path';\nexport { path };\n")).toEqual([
      expect.stringContaining('no Node APIs'),
    ]);
    expect(await violations('shared/x.ts', "import { app } from 'electron';\nexport { app };\n")).toEqual([
      expect.stringContaining('no Electron'),
    ]);
    expect(await violations('shared/x.ts', 'export const w = window.location.href;\n')).toEqual([
      expect.stringContaining('DOM or Node globals'),
    ]);
    expect(await violations('shared/x.ts', 'export const v = process.env.HOME;\n')).toEqual([
      expect.stringContaining('DOM or Node globals'),
    ]);
    expect(
      await violations('shared/x.ts', "import { BridgeServer } from '../electron/bridge/bridge-server';\nexport { BridgeServer };\n"),
    ).toEqual([expect.stringContaining('design rule 2')]);
    expect(await violations('shared/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
  });

  it('keeps the renderer away from electron/ and Node', async () => {
    expect(
      await violations('renderer/src/a.ts', "import { createAppCore } from '../../electron/core/app-core';\nexport { createAppCore };\n"),
    ).toEqual([expect.stringContaining('design rule 3')]);
    expect(await violations('renderer/src/a.tsx', "import { ipcRenderer } from 'electron';\nexport { ipcRenderer };\n")).toEqual([
      expect.stringContaining('design rule 3'),
    ]);
    expect(await violations('renderer/src/a.ts', "import fs from 'node:fs';\nexport { fs };\n")).toEqual([
      expect.stringContaining('no Node APIs'),
    ]);
    expect(await violations('renderer/src/a.ts', "import { check } from '../../shared/bridge/validate';\nexport { check };\n")).toEqual([]);
  });

  it('lets the preload import only electron and shared/bridge/', async () => {
    const bridgeImports =
      "import { contextBridge } from 'electron';\nimport { IPC } from '../shared/bridge/preload-api';\nimport type { ReplyBody } from '../shared/bridge/envelopes';\nexport { contextBridge, IPC, type ReplyBody };\n";
    expect(await violations('electron/preload.ts', bridgeImports)).toEqual([]);
    expect(await violations('electron/preload.ts', "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n")).toEqual([
      expect.stringContaining('design rule 3'),
    ]);
    expect(await violations('electron/preload.ts', "import { x } from '../shared/store/phone';\nexport { x };\n")).toEqual([
      expect.stringContaining('design rule 3'),
    ]);
    expect(await violations('electron/preload.ts', "import { x } from '../shared/bridge/../store/phone';\nexport { x };\n")).toEqual([
      expect.stringContaining('design rule 3'),
    ]);
    expect(await violations('electron/preload.ts', "import { x } from './core/app-core';\nexport { x };\n")).toEqual([
      expect.stringContaining('design rule 3'),
    ]);
    expect(await violations('electron/preload.ts', "import { z } from 'zod';\nexport { z };\n")).toEqual([
      expect.stringContaining('design rule 3'),
    ]);
    expect(await violations('electron/preload.ts', "export const fs = require('node:fs');\n")).toEqual([
      expect.stringContaining('design rule 3'),
    ]);
    expect(await violations('electron/preload.ts', "export const fs = import('node:fs');\n")).toEqual([
      expect.stringContaining('design rule 3'),
    ]);
  });

  it('keeps store worker code away from electron, main-side services and the renderer', async () => {
    const allowed = [
      "import Database from 'better-sqlite3-multiple-ciphers';",
      "import { parentPort } from 'node:worker_threads';",
      "import type { WorkerRequest } from '../protocol';",
      "import { StoreError } from '../errors';",
      "import { CURRENT_CIPHER } from '../ciphers';",
      "import { parseCsv } from '../import/csv';",
      "import { normalizePhone } from '../../../shared/store/phone';",
      "import { x } from './connection';",
    ];
    for (const line of allowed) expect(await violations('electron/store/worker/writer.ts', `${line}\n`), line).toEqual([]);
    const refused = [
      "import { app } from 'electron';",
      "import { StoreClient } from '../store-client';",
      "import { WorkerLane } from '../worker-lane';",
      "import { loadOrCreateStoreKey } from '../store-key';",
      "import { SyncService } from '../../sync/sync-service';",
      "import type { Logger } from '../../logging/logger';",
      "import { x } from '../../platform/safe-storage';",
      "import { x } from '../../../renderer/src/main';",
      "import { x } from '../../../electron/core/app-core';",
    ];
    for (const line of refused)
      expect(await violations('electron/store/worker/writer.ts', `${line}\n`), line).toEqual([expect.stringContaining('design rule 4')]);
    // require('electron') and import('electron') stay refused by design rule 1.
    expect(await violations('electron/store/worker/writer.ts', "export const e = require('electron');\n")).toEqual([
      expect.stringContaining('design rule 1'),
    ]);
  });

  it('lets renderer code reach a feature only through its index.ts', async () => {
    expect(
      await violations('renderer/src/features/stats/MyStatsPanel.tsx', "import { useAgent } from '../agent';\nexport { useAgent };\n"),
    ).toEqual([]);
    expect(
      await violations(
        'renderer/src/features/stats/MyStatsPanel.tsx',
        "import { useAgent } from '../agent/index';\nexport { useAgent };\n",
      ),
    ).toEqual([]);
    expect(await violations('renderer/src/features/stats/MyStatsPanel.tsx', "import { x } from './stats-state';\nexport { x };\n")).toEqual(
      [],
    );
    expect(
      await violations('renderer/src/features/telephony/deep/x.ts', "import { x } from '../telephony-state';\nexport { x };\n"),
    ).toEqual([]);
    expect(
      await violations('renderer/src/app/App.tsx', "import { PhoneBar } from '../features/telephony';\nexport { PhoneBar };\n"),
    ).toEqual([]);
    expect(
      await violations(
        'renderer/src/features/stats/MyStatsPanel.tsx',
        "import { useAgent } from '../agent/agent-state';\nexport { useAgent };\n",
      ),
    ).toEqual([expect.stringContaining('design rule 7')]);
    expect(await violations('renderer/src/features/stats/MyStatsPanel.tsx', "export { useAgent } from '../agent/agent-state';\n")).toEqual([
      expect.stringContaining('design rule 7'),
    ]);
    expect(await violations('renderer/src/features/stats/MyStatsPanel.tsx', "export * from '../../features/agent/agent-state';\n")).toEqual(
      [expect.stringContaining('design rule 7')],
    );
    expect(await violations('renderer/src/features/stats/MyStatsPanel.tsx', "export const m = import('../agent/agent-state');\n")).toEqual([
      expect.stringContaining('design rule 7'),
    ]);
    expect(
      await violations('renderer/src/app/App.tsx', "import { x } from '../features/telephony/telephony-state';\nexport { x };\n"),
    ).toEqual([expect.stringContaining('design rule 7')]);
    expect(await violations('renderer/src/main.tsx', "import { x } from './features/telephony/telephony-state';\nexport { x };\n")).toEqual(
      [expect.stringContaining('design rule 7')],
    );
  });
});
