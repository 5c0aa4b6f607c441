import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** How this copy of Switchboard was installed; it decides who may update it. */
export type InstallKind = 'nsis' | 'msi' | 'portable' | 'mac' | 'appimage' | 'deb' | 'rpm' | 'linux-unknown' | 'development';

/** Written beside Switchboard.exe by the MSI only (build/msi-project-created.mjs). */
export const MSI_MARKER_NAME = 'msi-install.marker';
/** The NSIS uninstaller electron-builder puts beside the exe ("Uninstall <productName>.exe"). */
export const NSIS_UNINSTALLER = 'Uninstall Switchboard.exe';

export interface InstallFacts {
  packaged: boolean;
  platform: NodeJS.Platform;
  /** process.execPath */
  execPath: string;
  /** process.resourcesPath */
  resourcesPath: string;
  env: NodeJS.ProcessEnv;
  exists?: (file: string) => boolean;
  readText?: (file: string) => string | null;
}

const readOrNull = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/**
 * Windows: the MSI's own marker file wins (an MSI can be installed over an old NSIS copy's folder);
 * then the NSIS uninstaller; neither means an unpacked/portable copy. Linux: AppImage sets $APPIMAGE;
 * deb and rpm builds carry electron-builder's `resources/package-type`. The MSI is told apart by a
 * file it installs itself rather than by the install path, because NSIS per-machine installs use the
 * same Program Files path.
 */
export function detectInstallKind(facts: InstallFacts): InstallKind {
  if (!facts.packaged) return 'development';
  const exists = facts.exists ?? existsSync;
  const readText = facts.readText ?? readOrNull;
  const p = facts.platform === 'win32' ? path.win32 : path.posix;
  const dir = p.dirname(facts.execPath);
  switch (facts.platform) {
    case 'win32':
      if (exists(p.join(dir, MSI_MARKER_NAME))) return 'msi';
      if (exists(p.join(dir, NSIS_UNINSTALLER))) return 'nsis';
      return 'portable';
    case 'darwin':
      return 'mac';
    case 'linux': {
      if (facts.env.APPIMAGE) return 'appimage';
      const type = readText(p.join(facts.resourcesPath, 'package-type'))?.trim();
      if (type === 'deb' || type === 'rpm') return type;
      return 'linux-unknown';
    }
    default:
      return 'linux-unknown';
  }
}
