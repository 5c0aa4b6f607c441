import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export type Executable = (file: string) => boolean;

const isExecutable: Executable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const LINUX_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'microsoft-edge-stable', 'microsoft-edge'];

/** Where a Chromium-family browser may live, most preferred first. */
export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  const fromEnv = env.SWITCHBOARD_BROWSER ? [env.SWITCHBOARD_BROWSER] : [];
  if (platform === 'win32') {
    const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    const rel = [
      'Google\\Chrome\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
      'Chromium\\Application\\chrome.exe',
    ];
    return [...fromEnv, ...rel.flatMap((r) => roots.map((root) => path.win32.join(root, r)))];
  }
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    const dirs = ['/Applications', env.HOME ? path.posix.join(env.HOME, 'Applications') : null].filter((d): d is string => Boolean(d));
    return [...fromEnv, ...apps.flatMap((a) => dirs.map((d) => path.posix.join(d, a)))];
  }
  const pathDirs = (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':').filter(Boolean);
  return [...fromEnv, ...LINUX_NAMES.flatMap((name) => pathDirs.map((dir) => path.posix.join(dir, name)))];
}

/** The first installed Chromium, Chrome or Edge, or null. */
export function findBrowser(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  executable: Executable = isExecutable,
): string | null {
  return browserCandidates(platform, env).find((file) => executable(file)) ?? null;
}
