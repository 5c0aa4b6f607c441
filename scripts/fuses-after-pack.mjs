// @ts-check
// electron-builder afterPack hook (electron-builder.yml: afterPack). Flips every Electron fuse as decided
// in scripts/fuses.mjs, then reads the wire back and fails the build if any fuse is not as decided.
// It runs after the app is copied and before signing, which is when fuses must be flipped.
//
// Not electron-builder's `electronFuses` option nor `packager.addElectronFuses`: both use the copy of
// @electron/fuses nested in app-builder-lib, which is older than Electron's wire (it has no
// WasmTrapHandlers), so with strictlyRequireAllFuses they fail and without it they leave a fuse unset.
import path from 'node:path';
import { flipFuses, FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { fuseConfig, isTestBuild } from './fuses.mjs';

/** electron-builder's Arch enum value for arm64 (builder-util: ia32 0, x64 1, armv7l 2, arm64 3, universal 4). */
const ARCH_ARM64 = 3;

/**
 * @param {{ appOutDir: string; electronPlatformName: string; arch: number;
 *   packager: { executableName?: string; appInfo: { productFilename: string } } }} context
 */
export default async function afterPack(context) {
  const testBuild = isTestBuild();
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  const config = fuseConfig({ testBuild, resetAdHocDarwinSignature: darwin && context.arch === ARCH_ARM64 });
  const binary = electronBinaryPath(context);
  await flipFuses(binary, config);

  const wire = await getCurrentFuseWire(binary);
  /** @type {string[]} */
  const wrong = [];
  for (const [key, wanted] of Object.entries(config)) {
    const index = Number(key);
    if (!Number.isInteger(index)) continue;
    const actual = /** @type {Record<number, number>} */ (/** @type {unknown} */ (wire))[index];
    const expected = wanted ? FuseState.ENABLE : FuseState.DISABLE;
    if (actual !== expected && actual !== FuseState.REMOVED) wrong.push(`${FuseV1Options[index]} is ${actual}, expected ${expected}`);
  }
  if (wrong.length > 0) throw new Error(`fuses: not applied to ${binary}: ${wrong.join('; ')}`);
  console.log(`  • fuses applied (${testBuild ? 'test build: inspector allowed' : 'production'}) to ${path.basename(binary)}`);
}

/**
 * The Electron binary in the packed app, as electron-builder's addElectronFuses finds it
 * (app-builder-lib/out/platformPackager.js): the .app bundle, the .exe, or Linux's executableName.
 * @param {{ appOutDir: string; electronPlatformName: string; packager: { executableName?: string; appInfo: { productFilename: string } } }} context
 */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
}
