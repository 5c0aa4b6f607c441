/**
 * The application menu, decided without Electron so it can be tested (platform/app-menu.ts
 * installs it). A packaged build has nothing that opens DevTools or reloads the window: DevTools
 * would give anyone at the desk the renderer's console (the bridge, the agent's customer records),
 * and a reload in the middle of a call drops its audio.
 */

/** The menu roles used here; each is one of Electron's MenuItem roles. */
export type AppMenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'minimize'
  | 'zoom'
  | 'front';

/** The shape of Electron's MenuItemConstructorOptions that this menu uses. */
export interface AppMenuItem {
  label?: string;
  role?: AppMenuRole;
  type?: 'separator';
  submenu?: AppMenuItem[];
}

export type AppMenuPlan =
  /** Development: Electron's own menu, DevTools and reload included. */
  | { kind: 'electron-default' }
  /** No menu bar at all. */
  | { kind: 'none' }
  | { kind: 'template'; template: AppMenuItem[] };

const separator: AppMenuItem = { type: 'separator' };

export function appMenuPlan(host: { packaged: boolean; platform: string; appName: string }): AppMenuPlan {
  if (!host.packaged) return { kind: 'electron-default' };
  // Windows and Linux: the app has no menu commands of its own, and Chromium handles the editing
  // keys (Ctrl+C, Ctrl+V, Ctrl+Z...) in text fields without menu accelerators.
  if (host.platform !== 'darwin') return { kind: 'none' };
  // macOS: the editing keys only work through the Edit menu's roles, and users expect the app
  // menu with Hide and Quit (Cmd+Q) and the Window menu.
  return {
    kind: 'template',
    template: [
      {
        label: host.appName,
        submenu: [
          { role: 'about' },
          separator,
          { role: 'services' },
          separator,
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          separator,
          { role: 'quit' },
        ],
      },
      {
        label: 'Edit',
        submenu: [
          { role: 'undo' },
          { role: 'redo' },
          separator,
          { role: 'cut' },
          { role: 'copy' },
          { role: 'paste' },
          { role: 'pasteAndMatchStyle' },
          { role: 'delete' },
          { role: 'selectAll' },
        ],
      },
      { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] },
    ],
  };
}
