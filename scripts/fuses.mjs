// @ts-check
// Electron fuses of the packaged app: every member of @electron/fuses' FuseV1Options is decided here,
// explicitly, and applied by scripts/fuses-after-pack.mjs (electron-builder's afterPack hook, which runs
// before signing). tests/unit/packaging/fuses.test.ts fails when @electron/fuses gains a fuse that is
// not decided here, and `strictlyRequireAllFuses` makes the build fail when Electron's wire has one.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/**
 * One decision per fuse. `value` is the production setting; `testBuild`, when present, is the setting in
 * test builds (SWITCHBOARD_TEST_BUILD=1), which Playwright's `_electron` drives through the inspector.
 * @type {Record<keyof typeof FuseV1Options, { value: boolean; testBuild?: boolean; why: string }>}
 */
export const FUSE_DECISIONS = {
  RunAsNode: {
    value: false,
    why: 'ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node that runs any script. The store uses worker_threads, not child_process.fork.',
  },
  EnableCookieEncryption: {
    value: true,
    why: 'Cookies (CRM sessions) are encrypted on disk with the OS keychain key, as in Chrome.',
  },
  EnableNodeOptionsEnvironmentVariable: {
    value: false,
    why: 'NODE_OPTIONS / NODE_EXTRA_CA_CERTS could inject code (--require) or trust an attacker CA.',
  },
  EnableNodeCliInspectArguments: {
    value: false,
    testBuild: true,
    why: '--inspect and SIGUSR1 would open a debugger on the main process. Test builds keep it: Playwright attaches through it.',
  },
  EnableEmbeddedAsarIntegrityValidation: {
    value: true,
    why: 'app.asar is checked against the hash electron-builder embeds (Info.plist on macOS, a resource on Windows).',
  },
  OnlyLoadAppFromAsar: {
    value: true,
    why: 'Only app.asar is loaded (never a loose resources/app folder), so the integrity check cannot be sidestepped.',
  },
  LoadBrowserProcessSpecificV8Snapshot: {
    value: false,
    why: 'No browser-process-specific V8 snapshot is shipped.',
  },
  GrantFileProtocolExtraPrivileges: {
    value: false,
    why: 'The renderer is served from the app:// scheme (electron/platform/app-protocol.ts), never file://.',
  },
  WasmTrapHandlers: {
    value: true,
    why: "Electron's default: V8's WebAssembly trap handlers (bounds checks by signal handler) stay on.",
  },
};

/**
 * The @electron/fuses configuration for one build.
 * @param {{ testBuild?: boolean; resetAdHocDarwinSignature?: boolean }} [options]
 * @returns {import('@electron/fuses').FuseV1Config & { strictlyRequireAllFuses: true }}
 */
export function fuseConfig(options = {}) {
  const testBuild = options.testBuild ?? false;
  /** @type {Record<number, boolean>} */
  const wire = {};
  for (const [name, decision] of Object.entries(FUSE_DECISIONS)) {
    const index = FuseV1Options[/** @type {keyof typeof FuseV1Options} */ (name)];
    if (typeof index !== 'number') throw new Error(`fuses: ${name} is not a FuseV1Options member in this @electron/fuses`);
    wire[index] = testBuild && decision.testBuild !== undefined ? decision.testBuild : decision.value;
  }
  return /** @type {import('@electron/fuses').FuseV1Config & { strictlyRequireAllFuses: true }} */ ({
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    resetAdHocDarwinSignature: options.resetAdHocDarwinSignature ?? false,
    ...wire,
  });
}

/** True when this build is a test build (inspector fuse left on). */
export function isTestBuild(env = process.env) {
  return env.SWITCHBOARD_TEST_BUILD === '1';
}
